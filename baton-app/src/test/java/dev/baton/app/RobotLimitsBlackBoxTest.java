package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.robot.RobotClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet limits and health against the real server: a per-type concurrency and rate limit (kept in
 * the store, so they also hold after a restart), and a silent robot going offline.
 */
class RobotLimitsBlackBoxTest {
  @TempDir Path dir;
  TestApp app;
  final List<RobotClient> robots = new ArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    robots.forEach(RobotClient::kill);
    if (app != null) {
      app.close();
    }
  }

  void start(Map<String, String> env) throws Exception {
    app =
        TestApp.start(dir.resolve("data"), Files.createDirectories(dir.resolve("blueprints")), env);
  }

  RobotClient robot(String id, boolean blocking) {
    RobotClient r =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), id)
            .heartbeatInterval(Duration.ZERO)
            .maxConcurrentJobs(5)
            .handler((job, ctx) -> {
              if (blocking) {
                release.await();
              }
              return Map.of();
            })
            .connect();
    robots.add(r);
    return r;
  }

  String submit(String workflow) throws Exception {
    HttpResponse<String> r =
        app.send("POST", "/api/v1/robot-jobs", "{\"workflow_id\":\"" + workflow + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestApp.JSON.readTree(r.body()).get("id").asString();
  }

  String status(String id) throws Exception {
    return TestApp.JSON
        .readTree(app.send("GET", "/api/v1/robot-jobs/" + id, null).body())
        .get("status")
        .asString();
  }

  int assigned() {
    return robots.stream().mapToInt(r -> r.assignedJobs().size()).sum();
  }

  @Test
  void aTypesConcurrencyLimitHoldsAcrossRobotsAndARestart() throws Exception {
    start(Map.of("ROBOT_TYPE_CONCURRENCY", "rpa=2"));
    robot("r1", true);
    robot("r2", true);
    String a = submit("a");
    String b = submit("b");
    String c = submit("c");
    await().until(() -> assigned() == 2);
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(3))
        .until(() -> assigned() == 2);
    assertThat(status(c)).isEqualTo("queued");
    // A restart: the two leased tasks are still running as far as the store knows.
    app.close();
    robots.forEach(RobotClient::kill);
    robots.clear();
    start(Map.of("ROBOT_TYPE_CONCURRENCY", "rpa=2", "ROBOT_LOST_JOBS", "requeue"));
    RobotClient fresh = robot("r3", false);
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(3))
        .until(() -> fresh.assignedJobs().isEmpty());
    assertThat(List.of(status(a), status(b), status(c))).containsOnly("queued", "running");
  }

  @Test
  void aTypesRateLimitHoldsForItsWindow() throws Exception {
    start(Map.of("ROBOT_TYPE_RATES", "rpa=2/3600"));
    robot("r1", false);
    String a = submit("a");
    String b = submit("b");
    String c = submit("c");
    await().until(() -> status(a).equals("completed") && status(b).equals("completed"));
    await()
        .during(Duration.ofMillis(700))
        .atMost(Duration.ofSeconds(3))
        .until(() -> assigned() == 2);
    assertThat(status(c)).isEqualTo("queued");
  }

  @Test
  void aRobotThatReconnectsAfterARestartKeepsItsRunningJob() throws Exception {
    start(Map.of());
    RobotClient before = robot("r1", true);
    String id = submit("w");
    await().until(() -> before.runningJobs().contains(id));
    app.close();
    before.kill();
    robots.clear();
    start(Map.of());
    assertThat(status(id)).isEqualTo("running");
    RobotClient after = robot("r1", false);
    after.send("heartbeat", Map.of("robot_id", "r1", "active_job_ids", List.of(id)), null);
    await()
        .until(
            () -> after.received().stream().anyMatch(m -> "heartbeat_ack".equals(m.get("type"))));
    after.send("job_progress", Map.of("job_id", id, "progress", 60, "current_node", "n7"), null);
    after.send("job_complete", Map.of("job_id", id, "result", Map.of("ok", true)), null);
    await().until(() -> status(id).equals("completed"));
    assertThat(after.received().stream().filter(m -> "error".equals(m.get("type")))).isEmpty();
    assertThat(after.assignedJobs()).isEmpty();
  }

  @Test
  void aSilentRobotGoesOfflineAndItsJobRunsElsewhere() throws Exception {
    start(Map.of("ROBOT_STALE_TIMEOUT_SECONDS", "1"));
    RobotClient silent = robot("silent", true);
    String id = submit("w");
    await().until(() -> silent.runningJobs().contains(id));
    RobotClient healthy =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), "healthy")
            .heartbeatInterval(Duration.ofMillis(200))
            .connect();
    robots.add(healthy);
    await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("completed"));
    assertThat(healthy.assignedJobs()).containsExactly(id);
    String robot =
        TestApp.JSON
            .readTree(app.send("GET", "/api/v1/robots/silent", null).body())
            .get("status")
            .asString();
    assertThat(robot).isEqualTo("offline");
  }
}
