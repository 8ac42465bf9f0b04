package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Creates jobs round-robin over the chaos cluster's nodes, about 40 a second, until stopped; a node
 * that is down gives its turn to the next one. A 5xx answer is counted (a 503 with Retry-After
 * apart) and the job tried on the next node; anything but 200, 201 or 5xx fails the test, as do a
 * request past its timeout and a job that no node takes.
 */
final class ChaosCreator implements Runnable {
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
  private final ChaosCluster cluster;

  /** Until stopped, about 40 a second, of the three engine shapes. */
  ChaosCreator(ChaosCluster cluster) {
    this(cluster, 0, 25, false);
  }

  /**
   * @param limit how many jobs to create (then it stops by itself); 0 for no limit
   * @param pauseMillis the pause after each create
   * @param withRobotJobs whether every fourth job is a robot job ({@code /api/v1/robot-jobs})
   */
  ChaosCreator(ChaosCluster cluster, int limit, long pauseMillis, boolean withRobotJobs) {
    this.cluster = cluster;
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
          HttpResponse<String> r = cluster.createOn(node, "chaos-" + i, path, body);
          if (r.statusCode() == 201 || r.statusCode() == 200) { // 200: a retry's replay
            accepted.add(ChaosCluster.JSON.readTree(r.body()).path("id").asString());
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

  /** Counts a job the test created beside the creator (its checks then cover it). */
  void counted(String jobId, boolean robot) {
    accepted.add(jobId);
    made.incrementAndGet();
    robotJobs.addAndGet(robot ? 1 : 0);
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
