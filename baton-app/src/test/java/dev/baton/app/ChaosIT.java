package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.store.jdbc.TestPostgres;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chaos suite's kill test: three Baton processes on one PostgreSQL, an SDK worker and a robot
 * on each, {@link #JOBS} jobs of four shapes (one task, a fan-out of three, a sub-flow, a robot
 * job) created on all of them while a schedule fires every second; one node is killed with SIGKILL
 * mid-run and restarted, then another, and the robots of each killed node reconnect to the next.
 * Before that, an SDK worker process is killed with SIGKILL while it holds a task, which a worker
 * on another node then runs. Every accepted job finishes, every job in the store finishes, each job
 * enters each of its states once and has exactly one accepted result per task, and every second of
 * the schedule fired exactly once, with one job. And a rolling restart (SIGTERM to each node in
 * turn) does the same with no 5xx answer to a client and every node exiting 0.
 */
class ChaosIT {
  static final String TOKEN = "secure-worker-token";
  static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * How many jobs the kill test creates ({@code -Dbaton.chaos.jobs=N}): mixed a quarter of each
   * shape, beside their sub-jobs and the schedule's fires.
   */
  static final int JOBS = Integer.getInteger("baton.chaos.jobs", 5000);

  /** Blueprint, states a job of it enters (each once), and tasks it completes itself. */
  static final Map<String, Shape> SHAPES =
      Map.of(
          "one", new Shape(List.of("work", "finished"), 1),
          "fan", new Shape(List.of("spread", "finished"), 3),
          "parent", new Shape(List.of("child", "after", "finished"), 1),
          "robot_job", new Shape(List.of("run", "completed"), 1),
          "held", new Shape(List.of("hold", "finished"), 1));

  // A parent's sub-job is a job of "one" with its parent_job_id set.

  record Shape(List<String> states, int tasks) {}

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final Process[] nodes = new Process[3];
  final int[] ports = new int[3];
  final List<Worker> workers = new ArrayList<>();
  final AtomicLong handled = new AtomicLong();
  final List<Process> others = new ArrayList<>();
  @Nullable ChaosRobots robots;
  Map<String, String> env;

  @AfterEach
  void stop() throws Exception {
    if (robots != null) {
      robots.close();
    }
    workers.forEach(Worker::close);
    for (Process p : others) {
      p.destroyForcibly();
      p.waitFor();
    }
    for (Process p : nodes) {
      if (p != null) {
        p.destroyForcibly();
        p.waitFor();
      }
    }
  }

  @Test
  void killedNodesLoseNothingAndRunNothingTwice() throws Exception {
    long began = System.nanoTime();
    Instant anchor = startCluster();
    Creator creator = new Creator(JOBS, 0, true);
    HeldTask held = killAWorkerMidTask(creator);
    robots = new ChaosRobots(ports);
    creator.thread.start();
    creator.awaitAccepted(JOBS / 3);
    kill(1);
    robots.moveFrom(1); // as a robot's supervisor would: to the next node, with its running jobs
    start(1);
    creator.awaitAccepted(2 * JOBS / 3);
    kill(0);
    robots.moveFrom(0);
    start(0);
    int fires = finish(creator, anchor);
    assertThat(creator.failed.get()).as("5xx answers").isZero();
    long robotJobs = creator.robotJobs.get();
    assertThat(robots.runs.get()).as("robot runs").isGreaterThanOrEqualTo(robotJobs);
    System.out.printf(
        "chaos, kill -9: 3 nodes, 2 killed with SIGKILL and restarted; %d jobs accepted (%d robot"
            + " jobs; %d creates found their node down and went to the next), %d jobs in the"
            + " store, all finished; %d task runs by the SDK workers, %d robot runs (%d again"
            + " after a result was lost with its node), %d robot reconnects to another node;"
            + " each state entered once, one accepted result per task; %d schedule fires, each"
            + " second once with one job; %.0f s in all%n",
        creator.accepted.size(),
        robotJobs,
        creator.refused.get(),
        total(""),
        handled.get(),
        robots.runs.get(),
        robots.runs.get() - robotJobs,
        robots.moved.get(),
        fires,
        (System.nanoTime() - began) / 1e9);
    System.out.printf(
        "chaos, worker killed mid-task: the SDK worker process on node 2 killed with SIGKILL"
            + " holding job %s's task; a worker on node 1 ran it %d ms later (its lease ran out"
            + " and it went out again): %s; one accepted result, each state once%n",
        held.jobId(), held.rescuedAfterMs(), held.taskRows());
  }

  /** A job whose task a killed worker held, and how long until another worker finished it. */
  private record HeldTask(String jobId, long rescuedAfterMs, String taskRows) {}

  /**
   * Issue 13: an SDK worker process on node 2 takes a task of a job created on node 0 and is killed
   * with SIGKILL while it holds it; a worker on node 1 (started only then, so the first had the
   * task) gets it once its lease runs out. The job counts among the creator's, so {@link #finish}
   * checks it as every other: finished, each state once, one accepted result.
   */
  private HeldTask killAWorkerMidTask(Creator creator) throws Exception {
    Path out = dir.resolve("doomed-worker.log");
    Process doomed = ChaosWorkerProcess.start(ports[2], "chaos-doomed", TOKEN, out);
    others.add(doomed);
    HttpResponse<String> r = createOn(0, "chaos-held", "/api/v1/jobs", "{\"blueprint\":\"held\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = JSON.readTree(r.body()).path("id").asString();
    creator.accepted.add(id);
    creator.made.incrementAndGet();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(out) && Files.readString(out).contains("holding "));
    Worker rescuer =
        Worker.builder(URI.create("http://127.0.0.1:" + ports[1]), "chaos-rescuer")
            .token(TOKEN)
            .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
            .heartbeatInterval(Duration.ofMillis(500))
            .handle("hold", (task, ctx) -> TaskResult.success(Map.of("rescued", true)))
            .build();
    rescuer.start();
    workers.add(rescuer);
    long killed = System.nanoTime();
    doomed.destroyForcibly(); // SIGKILL: no result, no goodbye, its heartbeats just stop
    doomed.waitFor();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> "finished".equals(status(id)));
    long ms = (System.nanoTime() - killed) / 1_000_000;
    JsonNode tasks = JSON.readTree(send(1, "GET", "/api/v1/jobs/" + id + "/tasks", null).body());
    List<String> rows = new ArrayList<>();
    for (JsonNode t : items(tasks)) {
      rows.add(
          "attempt "
              + t.path("attempt").asInt()
              + " "
              + t.path("status").asString()
              + " on "
              + t.path("worker_id").asString());
      if ("done".equals(t.path("status").asString())) {
        assertThat(t.path("worker_id").asString()).as(t.toString()).isEqualTo("chaos-rescuer");
        assertThat(t.path("attempt").asInt()).as("a killed worker costs no retry").isEqualTo(1);
      }
    }
    return new HeldTask(id, ms, String.join(", ", rows));
  }

  private String status(String jobId) throws Exception {
    return JSON.readTree(send(2, "GET", "/api/v1/jobs/" + jobId, null).body())
        .path("status")
        .asString();
  }

  @Test
  void aRollingRestartLosesNothingAndShowsClientsNo5xx() throws Exception {
    Instant anchor = startCluster();
    Creator creator = new Creator();
    creator.thread.start();
    for (int i = 0; i < 3; i++) {
      creator.awaitMore(60);
      nodes[i].destroy(); // SIGTERM: finish requests, hand leases back, resign, exit 0
      assertThat(nodes[i].waitFor(30, TimeUnit.SECONDS))
          .as("node %d stopped within its shutdown timeout", i)
          .isTrue();
      assertThat(nodes[i].exitValue()).as("node %d's exit status", i).isZero();
      start(i);
    }
    creator.awaitMore(50);
    int fires = finish(creator, anchor);
    assertThat(creator.failed.get() + creator.unavailable.get()).as("5xx answers").isZero();
    System.out.printf(
        "chaos, rolling restart: 3 nodes stopped with SIGTERM one after another, each exited 0;"
            + " %d jobs accepted, 0 answers 5xx (%d creates found their node down and went to"
            + " the next), %d jobs in the store, all finished, each state once; %d task runs;"
            + " %d schedule fires, each second once%n",
        creator.accepted.size(), creator.refused.get(), total(""), handled.get(), fires);
  }

  @Test
  void aPostgresRestartUnderLoadIs503sWithRetryAfterAndLosesNothing() throws Exception {
    Path bin = PrivatePostgres.binaries();
    assumeTrue(bin != null, "needs PostgreSQL's binaries under /usr/lib/postgresql");
    try (PrivatePostgres pg = PrivatePostgres.start(bin, ServerProcess.freePort())) {
      Instant anchor = startCluster(new TestPostgres.Database(pg.url(), "postgres", ""));
      Creator creator = new Creator();
      creator.thread.start();
      creator.awaitMore(100);
      pg.stop();
      await().atMost(Duration.ofSeconds(60)).until(() -> creator.unavailable.get() >= 10);
      pg.start();
      creator.awaitMore(100);
      int fires = finish(creator, anchor);
      assertThat(creator.failed.get()).as("5xx answers other than 503").isZero();
      System.out.printf(
          "chaos, PostgreSQL restart: stopped at once under load and started again; %d answers"
              + " 503 with Retry-After meanwhile, 0 other 5xx, none past its timeout; %d jobs"
              + " accepted, %d jobs in the store, all finished, each state once; %d task runs;"
              + " %d schedule fires, each second once%n",
          creator.unavailable.get(), creator.accepted.size(), total(""), handled.get(), fires);
    }
  }

  /** Starts the nodes, a worker on each, and the schedule; returns the schedule's anchor. */
  private Instant startCluster() throws Exception {
    return startCluster(TestPostgres.newDatabase());
  }

  private Instant startCluster(TestPostgres.Database db) throws Exception {
    env =
        Map.of(
            "BATON_DATABASE_URL", db.url(),
            "BATON_DATABASE_USER", db.user(),
            "BATON_DATABASE_PASSWORD", db.password(),
            "WORKER_HEALTH_CHECK_INTERVAL_SECONDS", "1",
            "WORKER_POLL_TIMEOUT_SECONDS", "1",
            // A claim whose answer died with its node leaves a task leased to a live worker that
            // never saw it: the task's timeout hands it out again.
            "WORKER_TIMEOUT_SECONDS", "5",
            "RATE_LIMITING_ENABLED", "false",
            "BATON_LEADER_LEASE_SECONDS", "3",
            // A robot's running jobs wait 2 s, not 30, for it to reconnect to another node.
            "ROBOT_RECONNECT_GRACE_SECONDS", "2");
    Path[] homes = new Path[3];
    for (int i = 0; i < 3; i++) {
      ports[i] = ServerProcess.freePort();
      homes[i] = dir.resolve("node" + i);
      writeBlueprints(Files.createDirectories(homes[i].resolve("blueprints")));
    }
    // All three at once, as a cluster's nodes come up: they race to migrate the fresh database
    // (Flyway takes a lock for it) and to store the same blueprint files.
    Process[] started = ServerProcess.startAll(homes, ports, env, "server.log");
    System.arraycopy(started, 0, nodes, 0, 3);
    HttpResponse<String> schedule =
        send(
            0,
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"tick\",\"blueprint\":\"one\",\"interval_seconds\":1,"
                + "\"overlap\":\"allow\",\"missed\":\"all\",\"initial_data\":{\"n\":-1}}");
    assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(201);
    for (int i = 0; i < 3; i++) {
      Worker w =
          Worker.builder(URI.create("http://127.0.0.1:" + ports[i]), "chaos-" + i)
              .token(TOKEN)
              .concurrency(8)
              .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
              .heartbeatInterval(Duration.ofMillis(500))
              .resultAttempts(200) // ride out its node's restart rather than drop a result
              .handle(
                  "step",
                  (task, ctx) -> {
                    handled.incrementAndGet();
                    return TaskResult.success(Map.of("ok", true));
                  })
              .build();
      w.start();
      workers.add(w);
    }
    return Instant.parse(JSON.readTree(schedule.body()).path("timing").path("anchor").asString());
  }

  /**
   * Waits for the creator and for every job to finish, pauses the schedule, then checks every job
   * in the store and the schedule's fires; returns how many fires there were.
   */
  private int finish(Creator creator, Instant anchor) throws Exception {
    creator.stop();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> total("&status=finished") == total(""));
    assertThat(send(2, "POST", "/api/v1/schedules/tick/pause", null).statusCode()).isEqualTo(200);
    // A fire started just before the pause is still running: wait for it too.
    await().atMost(Duration.ofSeconds(30)).until(() -> total("&status=finished") == total(""));

    Set<String> stored = new HashSet<>();
    Map<String, Integer> children = new HashMap<>();
    List<String> parents = new ArrayList<>();
    List<Future<?>> checks = new ArrayList<>();
    // Four at a time: thousands of jobs, two reads each.
    ExecutorService checking = Executors.newFixedThreadPool(4);
    for (JsonNode job : allJobs()) {
      String id = job.path("id").asString();
      String blueprint = job.path("blueprint").asString();
      assertThat(job.path("status").asString()).as("job %s", id).isEqualTo("finished");
      Shape shape = SHAPES.get(blueprint);
      assertThat(shape).as("job %s of %s", id, blueprint).isNotNull();
      int node = stored.size() % 3;
      checks.add(checking.submit(() -> checkOnce(id, shape, node)));
      stored.add(id);
      if (job.path("parent_job_id").isString()) {
        children.merge(job.path("parent_job_id").asString(), 1, Integer::sum);
      }
      if (blueprint.equals("parent")) {
        parents.add(id);
      }
    }
    try {
      for (Future<?> c : checks) {
        c.get();
      }
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause().getMessage(), e.getCause());
    } finally {
      checking.shutdownNow();
    }
    assertThat(stored).containsAll(creator.accepted);
    // No create made two jobs: one per key, beside the sub-jobs and the schedule's fires.
    int fires = checkFires(anchor);
    assertThat(creator.accepted).hasSize(creator.made.get());
    assertThat(stored.size() - parents.size()).isEqualTo(creator.made.get() + fires);
    for (String parent : parents) {
      assertThat(children.get(parent)).as("sub-jobs of %s", parent).isEqualTo(1);
    }
    return fires;
  }

  /**
   * Creates jobs round-robin over the nodes, about 40 a second, until stopped; a node that is down
   * gives its turn to the next one. A 5xx answer is counted (a 503 with Retry-After apart) and the
   * job tried on the next node; anything but 200, 201 or 5xx fails the test, as do a request past
   * its timeout and a job that no node takes.
   */
  private final class Creator implements Runnable {
    final int limit;
    final long pauseMillis;
    final String[] blueprints;
    final AtomicInteger robotJobs = new AtomicInteger();
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final AtomicInteger made = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
    volatile boolean stopping;
    final Thread thread = Thread.ofPlatform().name("chaos-creator").unstarted(this);

    /** Until stopped, about 40 a second, of the three engine shapes. */
    Creator() {
      this(0, 25, false);
    }

    /**
     * @param limit how many jobs to create (then it stops by itself); 0 for no limit
     * @param pauseMillis the pause after each create
     * @param withRobotJobs whether every fourth job is a robot job ({@code /api/v1/robot-jobs})
     */
    Creator(int limit, long pauseMillis, boolean withRobotJobs) {
      this.limit = limit;
      this.pauseMillis = pauseMillis;
      this.blueprints =
          withRobotJobs
              ? new String[] {"one", "fan", "parent", "robot"}
              : new String[] {"one", "fan", "parent"};
    }

    @Override
    public void run() {
      try {
        create();
      } catch (Throwable e) {
        error.set(e);
      }
    }

    private void create() throws Exception {
      int node = 0;
      for (int i = 0; !stopping && (limit == 0 || i < limit); i++) {
        String blueprint = blueprints[i % blueprints.length];
        boolean robot = blueprint.equals("robot");
        String path = robot ? "/api/v1/robot-jobs" : "/api/v1/jobs";
        String body =
            robot
                ? "{\"workflow_id\":\"chaos\",\"parameters\":{\"n\":" + i + "}}"
                : "{\"blueprint\":\"" + blueprint + "\",\"input\":{\"n\":" + i + "}}";
        for (int attempt = 0; ; attempt++) {
          assertThat(attempt).as("no node took job %d", i).isLessThan(200);
          node = (node + 1) % 3;
          try {
            HttpResponse<String> r = createOn(node, "chaos-" + i, path, body);
            if (r.statusCode() == 201 || r.statusCode() == 200) { // 200: a retry's replay
              accepted.add(JSON.readTree(r.body()).path("id").asString());
              made.incrementAndGet();
              robotJobs.addAndGet(robot ? 1 : 0);
              break;
            }
            assertThat(r.statusCode()).as(r.body()).isGreaterThanOrEqualTo(500);
            if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()) {
              unavailable.incrementAndGet();
            } else {
              failed.incrementAndGet();
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
          } catch (HttpTimeoutException e) {
            throw new AssertionError("a create hung past its timeout on node " + node, e);
          } catch (IOException e) {
            // The node is down, or the request was cut: then the job may exist, and the retry
            // with the same key on the next node returns it rather than make a second one.
            refused.incrementAndGet();
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
          }
        }
        if (pauseMillis > 0) {
          LockSupport.parkNanos(Duration.ofMillis(pauseMillis).toNanos()); // a steady load
        }
      }
    }

    /**
     * Stops creating (one with a limit creates them all first) and returns once the last create has
     * its answer.
     */
    void stop() throws Exception {
      stopping = limit == 0;
      thread.join(Duration.ofMinutes(limit == 0 ? 1 : 10).toMillis());
      assertThat(thread.isAlive()).as("the creator stopped").isFalse();
      if (error.get() != null) {
        throw new AssertionError("the creator failed", error.get());
      }
    }

    /** Waits until {@code more} jobs beyond those accepted so far are accepted. */
    void awaitMore(int more) {
      awaitAccepted(accepted.size() + more);
    }

    /** Waits until {@code target} jobs in all are accepted (or the creator failed). */
    void awaitAccepted(int target) {
      await()
          .atMost(Duration.ofMinutes(5))
          .until(() -> accepted.size() >= target || error.get() != null || !thread.isAlive());
    }
  }

  /** Each of the job's states entered once, and one accepted result per task. */
  private Void checkOnce(String id, Shape shape, int node) throws Exception {
    JsonNode history =
        JSON.readTree(send(node, "GET", "/api/v1/jobs/" + id + "/history", null).body());
    for (String state : shape.states()) {
      assertThat(entriesInto(history, state)).as("job %s entered '%s'", id, state).isEqualTo(1);
    }
    JsonNode tasks = JSON.readTree(send(node, "GET", "/api/v1/jobs/" + id + "/tasks", null).body());
    long done = 0;
    for (JsonNode t : items(tasks)) {
      done += "done".equals(t.path("status").asString()) ? 1 : 0;
    }
    assertThat(done).as("job %s accepted results", id).isEqualTo(shape.tasks());
    return null;
  }

  /** Every second from the anchor fired once, each fire started one job of its own. */
  private int checkFires(Instant anchor) throws Exception {
    JsonNode runs =
        JSON.readTree(send(1, "GET", "/api/v1/schedules/tick/runs?limit=1000", null).body());
    List<Instant> fires = new ArrayList<>();
    Set<String> jobs = new HashSet<>();
    for (JsonNode run : runs) {
      assertThat(run.path("outcome").asString()).as(run.toString()).isEqualTo("started");
      assertThat(jobs.add(run.path("job_id").asString())).as("one job per fire").isTrue();
      fires.add(Instant.parse(run.path("fire_at").asString()));
    }
    assertThat(fires).isNotEmpty();
    for (int i = 0; i < fires.size(); i++) { // newest first
      assertThat(fires.get(i)).isEqualTo(anchor.plusSeconds(fires.size() - 1 - i));
    }
    return fires.size();
  }

  private static Iterable<JsonNode> items(JsonNode page) {
    return page.path("items").isArray() ? page.path("items") : page;
  }

  private static long entriesInto(JsonNode history, String state) {
    long n = 0;
    for (JsonNode t : items(history)) {
      if (state.equals(t.path("to_state").asString())
          && !state.equals(t.path("from_state").asString())) {
        n++;
      }
    }
    return n;
  }

  /** Every job in the store, a page at a time. */
  private List<JsonNode> allJobs() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (int offset = 0; ; offset += 500) {
      JsonNode page =
          JSON.readTree(send(2, "GET", "/api/v1/jobs?limit=500&offset=" + offset, null).body());
      items(page).forEach(out::add);
      if (out.size() >= page.path("total").asLong() || page.path("items").isEmpty()) {
        return out;
      }
    }
  }

  private long total(String filter) throws Exception {
    JsonNode page = JSON.readTree(send(2, "GET", "/api/v1/jobs?limit=1" + filter, null).body());
    return page.path("total").asLong(-1);
  }

  private void kill(int i) throws InterruptedException {
    nodes[i].destroyForcibly(); // SIGKILL: no shutdown hook, no flush, its lease just stops
    nodes[i].waitFor();
  }

  private void start(int i) throws IOException {
    nodes[i] = ServerProcess.start(dir.resolve("node" + i), ports[i], env, "server.log");
  }

  /** A create with an {@code Idempotency-Key}, so that a retry on another node is safe. */
  private HttpResponse<String> createOn(int node, String key, String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[node] + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(int node, String method, String path, String body)
      throws IOException, InterruptedException {
    return ServerProcess.send(http, ports[node], TOKEN, method, path, body);
  }

  private static void writeBlueprints(Path folder) throws IOException {
    Files.writeString(
        folder.resolve("one.yaml"),
        """
        name: one
        start: work
        states:
          work:
            dispatch: { task: step, params: { n: "${initial_data.n}" } }
            on: { success: finished }
        """);
    Files.writeString(
        folder.resolve("fan.yaml"),
        """
        name: fan
        start: spread
        states:
          spread:
            parallel:
              tasks: [ { task: step }, { task: step }, { task: step } ]
              aggregate_into: finished
        """);
    Files.writeString(
        folder.resolve("parent.yaml"),
        """
        name: parent
        start: child
        states:
          child:
            subflow: { blueprint: one, input: { n: "${initial_data.n}" } }
            on: { success: after }
          after:
            dispatch: { task: step }
            on: { success: finished }
        """);
    Files.writeString(
        folder.resolve("held.yaml"),
        """
        name: held
        start: hold
        states:
          hold:
            dispatch: { task: hold }
            on: { success: finished }
        """);
  }
}
