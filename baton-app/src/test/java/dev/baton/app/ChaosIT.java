package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.baton.store.jdbc.TestPostgres;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
  static final String TOKEN = ChaosCluster.TOKEN;
  static final JsonMapper JSON = ChaosCluster.JSON;

  /**
   * How many jobs the kill test creates ({@code -Dbaton.chaos.jobs=N}): mixed a quarter of each
   * shape, beside their sub-jobs and the schedule's fires.
   */
  static final int JOBS = Integer.getInteger("baton.chaos.jobs", 5000);

  @TempDir Path dir;
  ChaosCluster cluster;
  ChaosAudit audit;
  @Nullable ChaosRobots robots;

  @BeforeEach
  void cluster() {
    cluster = new ChaosCluster(dir);
    audit = new ChaosAudit(cluster);
  }

  @AfterEach
  void stop() throws Exception {
    if (robots != null) {
      robots.close();
    }
    cluster.close();
  }

  @Test
  void killedNodesLoseNothingAndRunNothingTwice() throws Exception {
    long began = System.nanoTime();
    Instant anchor = startCluster();
    ChaosCreator creator = new ChaosCreator(cluster, JOBS, 0, true);
    HeldTask held = killAWorkerMidTask(creator);
    robots = new ChaosRobots(cluster.ports);
    creator.thread.start();
    creator.awaitAccepted(JOBS / 3);
    killAndRestart(1); // its robot's supervisor takes it to the next node, with its running jobs
    creator.awaitAccepted(2 * JOBS / 3);
    killAndRestart(0);
    int fires = audit.finish(creator, anchor);
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
        audit.total(""),
        cluster.handled.get(),
        robots.runs.get(),
        robots.runs.get() - robotJobs,
        robots.moved.get(),
        fires,
        (System.nanoTime() - began) / 1e9);
    System.out.printf(
        "chaos, worker killed mid-task: the SDK worker process on node 2 killed with SIGKILL"
            + " holding job %s's task, %d ms after the job's create; a worker on node 1 ran it %d"
            + " ms later (its lease ran out and it went out again): %s; one accepted result, each"
            + " state once%n",
        held.jobId(), held.killedAfterMs(), held.rescuedAfterMs(), held.taskRows());
  }

  /** A job whose task a killed worker held, and how long until another worker finished it. */
  private record HeldTask(String jobId, long killedAfterMs, long rescuedAfterMs, String taskRows) {}

  /**
   * Issue 13: an SDK worker process on node 2 takes a task of a job created on node 0 and is killed
   * with SIGKILL while it holds it; a worker on node 1 (started only then, so the first had the
   * task) gets it once its lease runs out. The job counts among the creator's, so {@link
   * ChaosAudit#finish} checks it as every other: finished, each state once, one accepted result.
   */
  private HeldTask killAWorkerMidTask(ChaosCreator creator) throws Exception {
    Path out = dir.resolve("doomed-worker.log");
    Process doomed = ChaosWorkerProcess.start(cluster.ports[2], "chaos-doomed", TOKEN, out);
    cluster.others.add(doomed);
    long created = System.nanoTime();
    HttpResponse<String> r =
        cluster.createOn(0, "chaos-held", "/api/v1/jobs", "{\"blueprint\":\"held\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = JSON.readTree(r.body()).path("id").asString();
    creator.counted(id, false);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.exists(out) && Files.readString(out).contains("holding "));
    Worker rescuer =
        Worker.builder(URI.create("http://127.0.0.1:" + cluster.ports[1]), "chaos-rescuer")
            .token(TOKEN)
            .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
            .heartbeatInterval(Duration.ofMillis(500))
            .handle("hold", (task, ctx) -> TaskResult.success(Map.of("rescued", true)))
            .build();
    rescuer.start();
    cluster.workers.add(rescuer);
    long killed = System.nanoTime();
    doomed.destroyForcibly(); // SIGKILL: no result, no goodbye, its heartbeats just stop
    doomed.waitFor();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> "finished".equals(status(id)));
    long ms = (System.nanoTime() - killed) / 1_000_000;
    long killedAfter = (killed - created) / 1_000_000;
    JsonNode tasks =
        JSON.readTree(cluster.send(1, "GET", "/api/v1/jobs/" + id + "/tasks", null).body());
    List<String> rows = new ArrayList<>();
    for (JsonNode t : ChaosAudit.items(tasks)) {
      rows.add(
          "attempt "
              + t.path("attempt").asInt()
              + " "
              + t.path("status").asString()
              + " on "
              + t.path("worker_id").asString());
      if ("done".equals(t.path("status").asString())) {
        assertThat(t.path("worker_id").asString()).as(t.toString()).isEqualTo("chaos-rescuer");
        assertThat(t.path("attempt").asInt())
            .as(
                "a killed worker costs no retry (killed %d ms after the create); history: %s",
                killedAfter, cluster.send(1, "GET", "/api/v1/jobs/" + id + "/history", null).body())
            .isEqualTo(1);
      }
    }
    return new HeldTask(id, killedAfter, ms, String.join(", ", rows));
  }

  private String status(String jobId) throws Exception {
    return JSON.readTree(cluster.send(2, "GET", "/api/v1/jobs/" + jobId, null).body())
        .path("status")
        .asString();
  }

  /**
   * SIGTERM to each node in turn, each restarted before the next, with robots on the nodes and
   * robot jobs in the mix: before each stop a robot of the node takes a job it holds until its node
   * is back, and must keep it on the node it reconnects to (its running jobs wait {@code
   * ROBOT_RECONNECT_GRACE_SECONDS} for it there); no client sees a 5xx.
   */
  @Test
  void aRollingRestartLosesNothingAndShowsClientsNo5xx() throws Exception {
    long began = System.nanoTime();
    Instant anchor = startCluster();
    robots = new ChaosRobots(cluster.ports);
    ChaosCreator creator = new ChaosCreator(cluster, 0, 25, true);
    creator.thread.start();
    Map<String, String> kept = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      creator.awaitMore(60);
      String robot = robots.robotOn(i);
      String job = keptJob(creator, i, robot, "rolling-" + i);
      cluster.nodes[i].destroy(); // SIGTERM: finish requests, hand leases back, resign, exit 0
      assertThat(cluster.nodes[i].waitFor(30, TimeUnit.SECONDS))
          .as("node %d stopped within its shutdown timeout", i)
          .isTrue();
      assertThat(cluster.nodes[i].exitValue()).as("node %d's exit status", i).isZero();
      cluster.start(i);
      awaitKept(robot, job, i);
      robots.release("rolling-" + i);
      kept.put(job, robot);
    }
    creator.awaitMore(50);
    int fires = audit.finish(creator, anchor);
    assertThat(creator.failed.get() + creator.unavailable.get()).as("5xx answers").isZero();
    kept.forEach(ChaosIT.this::assertHeldOnce);
    long robotJobs = creator.robotJobs.get();
    assertThat(robots.runs.get()).as("robot runs").isGreaterThanOrEqualTo(robotJobs);
    System.out.printf(
        "chaos, rolling restart: 3 nodes stopped with SIGTERM one after another, each exited 0;"
            + " %d jobs accepted (%d robot jobs), 0 answers 5xx (%d creates found their node down"
            + " and went to the next), %d jobs in the store, all finished, each state once; %d"
            + " task runs; %d robot runs (%d again after a result was lost with its node), %d"
            + " robot reconnects to another node carrying %d running jobs, the 3 held through"
            + " their node's restart each run once by its robot; %d schedule fires, each second"
            + " once; %.0f s%n",
        creator.accepted.size(),
        robotJobs,
        creator.refused.get(),
        audit.total(""),
        cluster.handled.get(),
        robots.runs.get(),
        robots.runs.get() - robotJobs,
        robots.moved.get(),
        robots.carried.get(),
        fires,
        (System.nanoTime() - began) / 1e9);
  }

  /**
   * PostgreSQL stopped at once under load and started again, with robots on the nodes and robot
   * jobs in the mix: clients get only 503 with {@code Retry-After} meanwhile, and a robot job that
   * runs through the outage is kept by its robot and completed once.
   */
  @Test
  void aPostgresRestartUnderLoadIs503sWithRetryAfterAndLosesNothing() throws Exception {
    Path bin = PrivatePostgres.binaries();
    assumeTrue(bin != null, "needs PostgreSQL's binaries under /usr/lib/postgresql");
    try (PrivatePostgres pg = PrivatePostgres.start(bin, ServerProcess.freePort())) {
      long began = System.nanoTime();
      Instant anchor = cluster.start(new TestPostgres.Database(pg.url(), "postgres", ""));
      robots = new ChaosRobots(cluster.ports);
      ChaosCreator creator = new ChaosCreator(cluster, 0, 25, true);
      creator.thread.start();
      creator.awaitMore(100);
      String robot = robots.robotOn(0);
      String job = keptJob(creator, 0, robot, "outage");
      pg.stop();
      await().atMost(Duration.ofSeconds(60)).until(() -> creator.unavailable.get() >= 10);
      pg.start();
      creator.awaitMore(100);
      awaitKept(robot, job, -1);
      robots.release("outage");
      int fires = audit.finish(creator, anchor);
      assertThat(creator.failed.get()).as("5xx answers other than 503").isZero();
      // Its robot heartbeats it all along; the renewals fail while the database is down, and once
      // it is back the sweep expires no lease for one worker TTL (OutageGrace), so the robot
      // renews it first: it is never offered again, nor run again.
      assertHeldOnce(job, robot);
      long robotJobs = creator.robotJobs.get();
      assertThat(robots.runs.get()).as("robot runs").isGreaterThanOrEqualTo(robotJobs);
      System.out.printf(
          "chaos, PostgreSQL restart: stopped at once under load and started again; %d answers"
              + " 503 with Retry-After meanwhile, 0 other 5xx, none past its timeout; %d jobs"
              + " accepted (%d robot jobs), %d jobs in the store, all finished, each state once;"
              + " %d task runs; %d robot runs (%d again), %d robot reconnects; the job held"
              + " through the outage offered once, run once and completed by its robot, in"
              + " attempt 1; %d schedule fires, each second once; %.0f s%n",
          creator.unavailable.get(),
          creator.accepted.size(),
          robotJobs,
          audit.total(""),
          cluster.handled.get(),
          robots.runs.get(),
          robots.runs.get() - robotJobs,
          robots.moved.get(),
          fires,
          (System.nanoTime() - began) / 1e9);
    }
  }

  /** SIGKILL to a node; once its robots' supervisor moved them on, the node starts again. */
  private void killAndRestart(int node) throws Exception {
    int moved = robots.moved.get();
    cluster.kill(node);
    await().atMost(Duration.ofSeconds(30)).until(() -> robots.moved.get() > moved);
    cluster.start(node);
  }

  /**
   * Creates on {@code node} a robot job pinned to {@code robot} that runs until {@code keep} is
   * released, counted among the creator's jobs, and waits until the robot runs it.
   */
  private String keptJob(ChaosCreator creator, int node, String robot, String keep)
      throws Exception {
    HttpResponse<String> r =
        cluster.createOn(
            node,
            "chaos-" + keep,
            "/api/v1/robot-jobs",
            "{\"workflow_id\":\"chaos\",\"robot_id\":\""
                + robot
                + "\",\"parameters\":{\"keep\":\""
                + keep
                + "\"}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    String id = JSON.readTree(r.body()).path("id").asString();
    creator.counted(id, true);
    robots.awaitRunning(robot, id);
    return id;
  }

  /** The robot runs the job still, connected again (to a node other than {@code left}, if any). */
  private void awaitKept(String robot, String job, int left) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> robots.runs(robot, job) && robots.nodeOf(robot) != left);
  }

  /**
   * The robot job held through a break was offered once (every offer is a claim of a task of its
   * own, so a second offer would leave a second task), run once by its robot's handler, and
   * completed by that robot in attempt 1.
   */
  private void assertHeldOnce(String job, String robot) {
    try {
      JsonNode run =
          JSON.readTree(cluster.send(1, "GET", "/api/v1/robot-jobs/" + job, null).body());
      assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("completed");
      assertThat(run.path("robot_id").asString()).as(run.toString()).isEqualTo(robot);
      JsonNode tasks =
          JSON.readTree(cluster.send(1, "GET", "/api/v1/jobs/" + job + "/tasks", null).body());
      List<JsonNode> rows = new ArrayList<>();
      ChaosAudit.items(tasks).forEach(rows::add);
      assertThat(rows)
          .as(
              "tasks of job %s (one per offer): %s; history: %s",
              job, tasks, cluster.send(1, "GET", "/api/v1/jobs/" + job + "/history", null).body())
          .hasSize(1);
      assertThat(rows.get(0).path("attempt").asInt()).as(rows.get(0).toString()).isEqualTo(1);
      assertThat(rows.get(0).path("status").asString())
          .as(rows.get(0).toString())
          .isEqualTo("done");
      assertThat(robots().runsOf(job)).as("runs of job %s by %s", job, robot).isEqualTo(1);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private ChaosRobots robots() {
    return java.util.Objects.requireNonNull(robots, "no robots");
  }

  /** Starts the nodes, a worker on each, and the schedule; returns the schedule's anchor. */
  private Instant startCluster() throws Exception {
    return cluster.start(TestPostgres.newDatabase());
  }
}
