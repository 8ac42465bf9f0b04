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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The robot fleet end to end: the real server on SQLite, several real robots (the SDK's {@link
 * RobotClient}) over WebSocket, jobs submitted and read through the native API.
 */
class RobotFleetBlackBoxTest {
  @TempDir Path dir;
  TestApp app;
  final List<RobotClient> robots = new ArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("report.yaml"),
        """
        name: report
        start: run
        states:
          run:
            dispatch: { task: rpa, strategy: least_loaded, params: { sheet: "${initial_data.sheet}" } }
            on: { success: finished }
        """);
    // A killed robot's running jobs wait 1 s (not the default 30) for it to reconnect.
    app =
        TestApp.start(
            dir.resolve("data"),
            blueprints,
            Map.of("ROBOT_STALE_TIMEOUT_SECONDS", "60", "ROBOT_RECONNECT_GRACE_SECONDS", "1"));
  }

  @AfterEach
  void stop() {
    release.countDown();
    robots.forEach(RobotClient::kill);
    app.close();
  }

  RobotClient robot(String id, UnaryOperator<RobotClient.Builder> setup) {
    RobotClient r =
        setup
            .apply(
                RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), id)
                    .heartbeatInterval(Duration.ZERO))
            .connect();
    robots.add(r);
    return r;
  }

  /** A handler that runs until the test ends (or the job is cancelled). */
  Map<String, Object> block() throws InterruptedException {
    release.await();
    return Map.of();
  }

  String submit(String json) throws Exception {
    HttpResponse<String> r = app.send("POST", "/api/v1/robot-jobs", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestApp.JSON.readTree(r.body()).get("id").asString();
  }

  JsonNode job(String id) throws Exception {
    return TestApp.JSON.readTree(app.send("GET", "/api/v1/robot-jobs/" + id, null).body());
  }

  String status(String id) throws Exception {
    return job(id).get("status").asString();
  }

  @Test
  void aRobotRunsAJobWithProgressAndLogsAndTheDashboardCountsIt() throws Exception {
    robot(
        "r1",
        b ->
            b.name("Robot One")
                .tags("finance")
                .handler((job, ctx) -> {
                  ctx.progress(50, "node-2", "halfway");
                  ctx.log("INFO", "opened " + job.parameters().get("file"), "node-1", Map.of());
                  return Map.of("rows", 42);
                }));
    String id = submit("{\"workflow_id\":\"invoice\",\"parameters\":{\"file\":\"a.xlsx\"}}");
    await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("completed"));
    JsonNode job = job(id);
    assertThat(job.get("robot_id").asString()).isEqualTo("r1");
    assertThat(job.get("result").get("rows").asLong()).isEqualTo(42);
    assertThat(job.get("progress").asInt()).isEqualTo(100);
    assertThat(job.get("started_at").isNull()).isFalse();
    assertThat(job.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
    JsonNode logs =
        TestApp.JSON.readTree(app.send("GET", "/api/v1/robot-jobs/" + id + "/logs", null).body());
    assertThat(logs.get(0).get("message").asString()).isEqualTo("opened a.xlsx");
    JsonNode robot = TestApp.JSON.readTree(app.send("GET", "/api/v1/robots/r1", null).body());
    assertThat(robot.get("status").asString()).isEqualTo("online");
    assertThat(robot.get("name").asString()).isEqualTo("Robot One");
    JsonNode dash = TestApp.JSON.readTree(app.send("GET", "/api/v1/fleet/dashboard", null).body());
    assertThat(dash.get("total_robots").asInt()).isEqualTo(1);
    assertThat(dash.get("online_robots").asInt()).isEqualTo(1);
    assertThat(dash.get("total_jobs_today").asInt()).isEqualTo(1);
    assertThat(dash.get("completed_jobs_today").asInt()).isEqualTo(1);
    assertThat(dash.get("success_rate").asDouble()).isEqualTo(100.0);
  }

  @Test
  void aBlueprintStepWithAStrategyDispatchesToARobotLikeToAnyWorker() throws Exception {
    RobotClient r =
        robot(
            "r1",
            b -> b.handler((job, ctx) -> Map.of("sheet_seen", job.parameters().get("sheet"))));
    String id = app.create("report", "{\"sheet\":\"Q4\"}");
    await().until(() -> app.job(id).get("status").asString().equals("finished"));
    assertThat(r.assignedJobs()).containsExactly(id);
    assertThat(app.job(id).toString()).contains("\"sheet_seen\":\"Q4\"");
  }

  @Test
  void operatorCommandsLogBatchesAndAGoodbyeTravelOverTheSocket() throws Exception {
    RobotClient r = robot("r1", b -> b);
    assertThat(
            app.send("POST", "/api/v1/robots/r1/commands", "{\"command\":\"pause\"}").statusCode())
        .isEqualTo(202);
    String id = submit("{\"workflow_id\":\"w\"}");
    await()
        .during(Duration.ofMillis(600))
        .atMost(Duration.ofSeconds(3))
        .until(() -> r.assignedJobs().isEmpty());
    app.send("POST", "/api/v1/robots/r1/commands", "{\"command\":\"resume\"}");
    await().until(() -> status(id).equals("completed"));
    r.send(
        "log_batch",
        Map.of(
            "job_id",
            id,
            "robot_id",
            "r1",
            "entries",
            List.of(
                Map.of("level", "INFO", "message", "one", "node_id", "n1"),
                Map.of("level", "ERROR", "message", "two", "node_id", "n2"))),
        null);
    await()
        .until(() ->
            TestApp.JSON
                    .readTree(app.send("GET", "/api/v1/robot-jobs/" + id + "/logs", null).body())
                    .size()
                == 2);
    app.send("POST", "/api/v1/robots/r1/commands", "{\"command\":\"status_request\"}");
    await()
        .until(() -> app.send("GET", "/api/v1/robots/r1", null).body().contains("status_response"));
    HttpResponse<String> bad =
        app.send("POST", "/api/v1/robots/r1/commands", "{\"command\":\"dance\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("unknown command 'dance'");
    r.send("disconnect", Map.of("robot_id", "r1", "reason", "maintenance window"), null);
    await()
        .until(() ->
            TestApp.JSON
                .readTree(app.send("GET", "/api/v1/robots/r1", null).body())
                .get("status")
                .asString()
                .equals("offline"));
    assertThat(
            app.send("POST", "/api/v1/robots/r1/commands", "{\"command\":\"pause\"}").statusCode())
        .isEqualTo(409);
  }

  @Test
  void badMessagesGetAnErrorAndTheConnectionStays() throws Exception {
    RobotClient r = robot("r1", b -> b);
    r.sendText("{not json");
    r.sendText("[1, 2]");
    r.send("teleport", Map.of(), null);
    r.send("job_complete", Map.of("job_id", "nope"), null);
    r.send("job_assign", Map.of(), null);
    r.heartbeatNow();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> r.received().stream().anyMatch(m -> "heartbeat_ack".equals(m.get("type"))));
    List<String> errors =
        r.received().stream()
            .filter(m -> "error".equals(m.get("type")))
            .map(m -> String.valueOf(((Map<?, ?>) m.get("payload")).get("error_message")))
            .toList();
    assertThat(errors).hasSize(5);
    assertThat(errors.get(0)).startsWith("Invalid JSON");
    assertThat(errors.get(2)).isEqualTo("Unknown message type: teleport");
    assertThat(errors.get(3)).contains("Job not found: nope");
    assertThat(errors.get(4)).contains("sent by the orchestrator");
  }

  @Test
  void aResultForAJobTheRobotNeverAcceptedIsRefusedByTheTransitionTable() throws Exception {
    String id = submit("{\"workflow_id\":\"w\"}");
    RobotClient r = robot("r1", b -> b.acceptance(job -> RobotClient.SILENT));
    await().until(() -> r.assignedJobs().contains(id));
    r.send("job_complete", Map.of("job_id", id, "result", Map.of()), null);
    await().until(() -> r.received().stream().anyMatch(m -> "error".equals(m.get("type"))));
    assertThat(r.received().toString())
        .contains(
            "job cannot go from queued to completed; from queued it may go to running, cancelled");
    assertThat(status(id)).isEqualTo("queued");
  }

  @Test
  void aPinnedJobGoesOnlyToItsRobot() throws Exception {
    RobotClient r1 = robot("r1", b -> b.maxConcurrentJobs(5));
    RobotClient r2 = robot("r2", b -> b.maxConcurrentJobs(5));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(submit("{\"workflow_id\":\"w" + i + "\",\"robot_id\":\"r2\"}"));
    }
    for (String id : ids) {
      await().until(() -> status(id).equals("completed"));
      assertThat(job(id).get("robot_id").asString()).isEqualTo("r2");
    }
    assertThat(r1.assignedJobs()).isEmpty();
    assertThat(r2.assignedJobs()).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void aRobotGetsNoMoreThanItsCapacity() throws Exception {
    RobotClient r = robot("r1", b -> b.maxConcurrentJobs(2).handler((job, ctx) -> block()));
    String a = submit("{\"workflow_id\":\"a\"}");
    String b = submit("{\"workflow_id\":\"b\"}");
    String c = submit("{\"workflow_id\":\"c\"}");
    await().until(() -> r.runningJobs().size() == 2);
    assertThat(r.assignedJobs()).containsExactly(a, b);
    assertThat(status(c)).isEqualTo("queued");
    JsonNode robot = TestApp.JSON.readTree(app.send("GET", "/api/v1/robots/r1", null).body());
    assertThat(robot.get("status").asString()).isEqualTo("busy");
    assertThat(robot.get("current_jobs").asInt()).isEqualTo(2);
    release.countDown();
    await().until(() -> status(c).equals("completed"));
  }

  @Test
  void aJobOfAKilledRobotIsDispatchedAgain() throws Exception {
    RobotClient r1 = robot("r1", b -> b.handler((job, ctx) -> block()));
    String id = submit("{\"workflow_id\":\"w\"}");
    await().until(() -> status(id).equals("running"));
    RobotClient r2 = robot("r2", b -> b.handler((job, ctx) -> Map.of("by", "r2")));
    r1.kill();
    await().until(() -> status(id).equals("completed"));
    assertThat(job(id).get("robot_id").asString()).isEqualTo("r2");
    assertThat(r2.assignedJobs()).containsExactly(id);
    JsonNode robot = TestApp.JSON.readTree(app.send("GET", "/api/v1/robots/r1", null).body());
    assertThat(robot.get("status").asString()).isEqualTo("offline");
  }

  @Test
  void aRejectedJobGoesToAnotherRobot() throws Exception {
    String id = submit("{\"workflow_id\":\"w\"}");
    RobotClient picky = robot("picky", b -> b.acceptance(job -> "no browser here"));
    await().until(() -> picky.assignedJobs().contains(id));
    RobotClient willing = robot("willing", b -> b);
    await().until(() -> status(id).equals("completed"));
    assertThat(willing.assignedJobs()).containsExactly(id);
    assertThat(picky.assignedJobs()).containsExactly(id);
  }

  @Test
  void aJobPastItsTimeoutIsMarkedAndTheRobotToldToCancel() throws Exception {
    RobotClient r = robot("r1", b -> b.handler((job, ctx) -> block()));
    String id = submit("{\"workflow_id\":\"w\",\"timeout_seconds\":1}");
    await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("timeout"));
    await().until(() -> r.received().stream().anyMatch(m -> "job_cancel".equals(m.get("type"))));
    assertThat(r.runningJobs()).isEmpty();
  }

  @Test
  void aCancelledJobIsCancelledOnItsRobot() throws Exception {
    RobotClient r = robot("r1", b -> b.handler((job, ctx) -> block()));
    String id = submit("{\"workflow_id\":\"w\"}");
    await().until(() -> status(id).equals("running"));
    assertThat(app.send("POST", "/api/v1/robot-jobs/" + id + "/cancel", null).statusCode())
        .isEqualTo(200);
    await().until(() -> r.received().stream().anyMatch(m -> "job_cancel".equals(m.get("type"))));
    assertThat(status(id)).isEqualTo("cancelled");
    HttpResponse<String> again = app.send("POST", "/api/v1/robot-jobs/" + id + "/cancel", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("job cannot go from cancelled to cancelled");
    HttpResponse<String> retry = app.send("POST", "/api/v1/robot-jobs/" + id + "/retry", null);
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
  }

  @Test
  void higherPrioritiesRunFirstAndEqualOnesInOrder() throws Exception {
    String low = submit("{\"workflow_id\":\"a\",\"priority\":\"LOW\"}");
    String normal1 = submit("{\"workflow_id\":\"b\",\"priority\":\"NORMAL\"}");
    String critical = submit("{\"workflow_id\":\"c\",\"priority\":\"CRITICAL\"}");
    String normal2 = submit("{\"workflow_id\":\"d\"}");
    String high = submit("{\"workflow_id\":\"e\",\"priority\":2}");
    RobotClient r = robot("r1", b -> b);
    await().until(() -> r.assignedJobs().size() == 5);
    assertThat(r.assignedJobs()).containsExactly(critical, high, normal1, normal2, low);
  }

  @Test
  void aDuplicateIsRefusedAnExplicitRetryIsNotAndAnIdempotencyKeyReturnsTheJob() throws Exception {
    String body = "{\"workflow_id\":\"w\",\"parameters\":{\"a\":1}}";
    String first = submit(body);
    HttpResponse<String> dup = app.send("POST", "/api/v1/robot-jobs", body);
    assertThat(dup.statusCode()).isEqualTo(409);
    assertThat(dup.body()).contains("Duplicate job detected within deduplication window");
    assertThat(app.send("POST", "/api/v1/robot-jobs?bypass_dedup=true", body).statusCode())
        .isEqualTo(201);
    String keyed = "{\"workflow_id\":\"k\",\"idempotency_key\":\"req-1\"}";
    String original = submit(keyed);
    HttpResponse<String> repeat = app.send("POST", "/api/v1/robot-jobs", keyed);
    assertThat(repeat.statusCode()).isEqualTo(200);
    assertThat(TestApp.JSON.readTree(repeat.body()).get("id").asString()).isEqualTo(original);
    assertThat(first).isNotEqualTo(original);
  }

  @Test
  void badSubmissionsAre400WithTheField() throws Exception {
    for (String[] c :
        new String[][] {
          {"{}", "workflow_id"},
          {"{\"workflow_id\":\"w\",\"priority\":\"URGENT\"}", "priority"},
          {"{\"workflow_id\":\"w\",\"strategy\":\"fastest\"}", "strategy"},
          {"{\"workflow_id\":\"w\",\"tags\":\"x\"}", "tags"},
          {"{\"workflow_id\":\"w\",\"timeout_seconds\":0}", "timeout_seconds"},
          {"{\"workflow_id\":\"w\",\"parameters\":[]}", "parameters"},
          {"{\"workflow_id\":\"w\",\"colour\":\"red\"}", "colour"},
          {"[]", "JSON object"},
        }) {
      HttpResponse<String> r = app.send("POST", "/api/v1/robot-jobs", c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.body()).as(c[0]).contains(c[1]);
    }
    assertThat(app.send("GET", "/api/v1/robot-jobs/nope", null).statusCode()).isEqualTo(404);
    assertThat(
            app.send("POST", "/api/v1/robots/nope/maintenance", "{\"enabled\":true}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void clientsTakeTurnsWithinAPriority() throws Exception {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      a.add(submit("{\"workflow_id\":\"a" + i + "\",\"created_by\":\"alice\"}"));
    }
    for (int i = 0; i < 2; i++) {
      b.add(submit("{\"workflow_id\":\"b" + i + "\",\"created_by\":\"bob\"}"));
    }
    RobotClient r = robot("r1", x -> x);
    await().until(() -> r.assignedJobs().size() == 6);
    assertThat(r.assignedJobs().subList(0, 4))
        .containsExactly(a.get(0), b.get(0), a.get(1), b.get(1));
  }

  @Test
  void roundRobinTakesTurns() throws Exception {
    RobotClient r1 = robot("r1", b -> b.maxConcurrentJobs(5).handler((j, c) -> block()));
    RobotClient r2 = robot("r2", b -> b.maxConcurrentJobs(5).handler((j, c) -> block()));
    RobotClient r3 = robot("r3", b -> b.maxConcurrentJobs(5).handler((j, c) -> block()));
    for (int i = 0; i < 6; i++) {
      submit("{\"workflow_id\":\"w" + i + "\",\"strategy\":\"round_robin\"}");
    }
    await()
        .until(() ->
            r1.assignedJobs().size() + r2.assignedJobs().size() + r3.assignedJobs().size() == 6);
    assertThat(r1.assignedJobs()).hasSize(2);
    assertThat(r2.assignedJobs()).hasSize(2);
    assertThat(r3.assignedJobs()).hasSize(2);
  }

  @Test
  void leastLoadedPicksTheEmptierRobot() throws Exception {
    RobotClient r1 = robot("r1", b -> b.maxConcurrentJobs(2).handler((j, c) -> block()));
    String first = submit("{\"workflow_id\":\"a\",\"robot_id\":\"r1\"}");
    await().until(() -> r1.runningJobs().contains(first));
    RobotClient r2 = robot("r2", b -> b.maxConcurrentJobs(2).handler((j, c) -> block()));
    String second = submit("{\"workflow_id\":\"b\",\"strategy\":\"least_loaded\"}");
    await().until(() -> r2.assignedJobs().contains(second));
    assertThat(r1.assignedJobs()).containsExactly(first);
  }

  @Test
  void affinityPrefersTheRobotThatSucceededWithTheWorkflow() throws Exception {
    robot("r1", b -> b.maxConcurrentJobs(3));
    String warmup = submit("{\"workflow_id\":\"report\"}");
    await().until(() -> status(warmup).equals("completed"));
    robot("r0", b -> b.maxConcurrentJobs(3));
    for (int i = 0; i < 3; i++) {
      String id =
          submit(
              "{\"workflow_id\":\"report\",\"strategy\":\"affinity\",\"parameters\":{\"i\":"
                  + i
                  + "}}");
      await().until(() -> status(id).equals("completed"));
      assertThat(job(id).get("robot_id").asString()).isEqualTo("r1");
    }
    String other = submit("{\"workflow_id\":\"fresh\",\"strategy\":\"affinity\"}");
    await().until(() -> status(other).equals("completed"));
    assertThat(job(other).get("robot_id").asString()).isEqualTo("r0"); // least loaded, then by id
  }

  @Test
  void cheapestAndBestValueReadTheRobotsCapabilities() throws Exception {
    robot(
        "pricey",
        b ->
            b.maxConcurrentJobs(5)
                .capability("cost_per_second", 2.0)
                .capability("reputation", 4.0));
    robot(
        "cheap",
        b ->
            b.maxConcurrentJobs(5)
                .capability("cost_per_second", 1.0)
                .capability("reputation", 1.0));
    String cheapest = submit("{\"workflow_id\":\"a\",\"strategy\":\"cheapest\"}");
    String value = submit("{\"workflow_id\":\"b\",\"strategy\":\"best_value\"}");
    await().until(() -> status(cheapest).equals("completed") && status(value).equals("completed"));
    assertThat(job(cheapest).get("robot_id").asString()).isEqualTo("cheap");
    assertThat(job(value).get("robot_id").asString()).isEqualTo("pricey");
  }

  @Test
  void tagsAndCapabilitiesRouteJobs() throws Exception {
    RobotClient plain = robot("plain", b -> b.maxConcurrentJobs(5));
    RobotClient eu =
        robot("eu", b -> b.maxConcurrentJobs(5).tags("eu", "finance").capability("browser", true));
    String tagged = submit("{\"workflow_id\":\"a\",\"tags\":[\"eu\"]}");
    String capable = submit("{\"workflow_id\":\"b\",\"capabilities\":[\"browser\"]}");
    await().until(() -> status(tagged).equals("completed") && status(capable).equals("completed"));
    assertThat(eu.assignedJobs()).containsExactlyInAnyOrder(tagged, capable);
    assertThat(plain.assignedJobs()).isEmpty();
  }

  @Test
  void aDrainedRobotGetsNothingNewUntilMaintenanceEnds() throws Exception {
    RobotClient r = robot("r1", b -> b);
    HttpResponse<String> drained =
        app.send("POST", "/api/v1/robots/r1/maintenance", "{\"enabled\":true}");
    assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
    assertThat(TestApp.JSON.readTree(drained.body()).get("status").asString())
        .isEqualTo("maintenance");
    String id = submit("{\"workflow_id\":\"w\"}");
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(3))
        .until(() -> r.assignedJobs().isEmpty());
    app.send("POST", "/api/v1/robots/r1/maintenance", "{\"enabled\":false}");
    await().until(() -> status(id).equals("completed"));
  }
}
