package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;

/**
 * What the chaos suite checks once the chaos is over: every accepted job finished, every job in the
 * store finished, each entered each of its states once with one accepted result per task, no create
 * made two jobs, and every second of the schedule fired once with one job of its own.
 */
final class ChaosAudit {
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

  private final ChaosCluster cluster;

  ChaosAudit(ChaosCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Waits for the creator and for every job to finish, pauses the schedule, then checks every job
   * in the store and the schedule's fires; returns how many fires there were.
   */
  int finish(ChaosCreator creator, Instant anchor) throws Exception {
    creator.stop();
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> total("&status=finished") == total(""));
    assertThat(cluster.send(2, "POST", "/api/v1/schedules/tick/pause", null).statusCode())
        .isEqualTo(200);
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

  /** Each of the job's states entered once, and one accepted result per task. */
  private Void checkOnce(String id, Shape shape, int node) throws Exception {
    JsonNode history =
        ChaosCluster.JSON.readTree(
            cluster.send(node, "GET", "/api/v1/jobs/" + id + "/history", null).body());
    for (String state : shape.states()) {
      assertThat(entriesInto(history, state)).as("job %s entered '%s'", id, state).isEqualTo(1);
    }
    JsonNode tasks =
        ChaosCluster.JSON.readTree(
            cluster.send(node, "GET", "/api/v1/jobs/" + id + "/tasks", null).body());
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
        ChaosCluster.JSON.readTree(
            cluster.send(1, "GET", "/api/v1/schedules/tick/runs?limit=1000", null).body());
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

  static Iterable<JsonNode> items(JsonNode page) {
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
          ChaosCluster.JSON.readTree(
              cluster.send(2, "GET", "/api/v1/jobs?limit=500&offset=" + offset, null).body());
      items(page).forEach(out::add);
      if (out.size() >= page.path("total").asLong() || page.path("items").isEmpty()) {
        return out;
      }
    }
  }

  /** How many jobs the store holds, of a {@code &status=...} filter or none. */
  long total(String filter) throws Exception {
    JsonNode page =
        ChaosCluster.JSON.readTree(
            cluster.send(2, "GET", "/api/v1/jobs?limit=1" + filter, null).body());
    return page.path("total").asLong(-1);
  }
}
