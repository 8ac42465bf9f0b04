package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.robot.RobotClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Distributing stored workflows to robots end to end: the real server on SQLite, real robots (the
 * SDK's {@link RobotClient}) over WebSocket. A deployment is pending until the robot's next
 * heartbeat confirms it, fails when the robot rejects a job of the workflow, and a workflow that
 * asks for it ({@code "deployed_only": true}) runs only on robots that have its version deployed; a
 * job that names a stored workflow carries its published content in {@code job_assign}.
 */
class WorkflowDeploymentBlackBoxTest {
  @TempDir Path dir;
  TestApp app;
  final List<RobotClient> robots = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    app =
        TestApp.start(
            dir.resolve("data"),
            Files.createDirectories(dir.resolve("blueprints")),
            Map.of("ROBOT_STALE_TIMEOUT_SECONDS", "60"));
  }

  @AfterEach
  void stop() {
    robots.forEach(RobotClient::kill);
    app.close();
  }

  RobotClient robot(String id, UnaryOperator<RobotClient.Builder> setup) {
    RobotClient r =
        setup
            .apply(
                RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), id)
                    .heartbeatInterval(Duration.ZERO)
                    .handler((job, ctx) -> Map.of("ran", job.workflowId())))
            .connect();
    robots.add(r);
    return r;
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return app.send(method, path, body);
  }

  JsonNode ok(String method, String path, String body, int status) throws Exception {
    HttpResponse<String> r = send(method, path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return TestApp.JSON.readTree(r.body());
  }

  void saveWorkflow(String id, boolean deployedOnly) throws Exception {
    ok(
        "POST",
        "/api/v1/workflows",
        "{\"workflow_id\":\""
            + id
            + "\",\"name\":\"Invoice run\",\"status\":\"published\",\"content\":{\"nodes\":[{\"id\":\"n1\","
            + "\"type\":\"OpenExcel\"}],\"deployed_only\":"
            + deployedOnly
            + "}}",
        201);
  }

  String status(String workflow, String robot) throws Exception {
    for (JsonNode d : ok("GET", "/api/v1/workflows/" + workflow + "/deployments", null, 200)) {
      if (d.get("robot_id").asString().equals(robot)) {
        return d.get("status").asString();
      }
    }
    return "none";
  }

  int submitted;

  /** A job of the workflow; each with other parameters, so that none is a duplicate. */
  String submit(String workflow) throws Exception {
    String body =
        "{\"workflow_id\":\"" + workflow + "\",\"parameters\":{\"n\":" + submitted++ + "}}";
    return ok("POST", "/api/v1/robot-jobs", body, 201).get("id").asString();
  }

  static String workflowJsonSentFor(RobotClient r, String jobId) {
    for (Map<String, Object> m : r.received()) {
      if ("job_assign".equals(m.get("type"))
          && m.get("payload") instanceof Map<?, ?> p
          && jobId.equals(p.get("job_id"))) {
        return String.valueOf(p.get("workflow_json"));
      }
    }
    return "";
  }

  @Test
  void aDeployedOnlyWorkflowRunsOnlyWhereItsDeploymentWasConfirmed() throws Exception {
    saveWorkflow("invoice", true);
    RobotClient r1 = robot("r1", b -> b.tags("finance"));
    RobotClient r2 = robot("r2", b -> b);

    JsonNode made =
        ok("POST", "/api/v1/workflows/invoice/deploy", "{\"robot_tag\":\"finance\"}", 202);
    assertThat(made.size()).isEqualTo(1);
    assertThat(made.get(0).get("robot_id").asString()).isEqualTo("r1");
    assertThat(made.get(0).get("version").asInt()).isEqualTo(1);
    assertThat(made.get(0).get("status").asString()).isEqualTo("pending");

    // The robot confirms it with its next heartbeat.
    r1.heartbeatNow();
    await().atMost(Duration.ofSeconds(10)).until(() -> status("invoice", "r1").equals("deployed"));
    JsonNode ofRobot = ok("GET", "/api/v1/robots/r1/deployments", null, 200);
    assertThat(ofRobot.get(0).get("workflow_id").asString()).isEqualTo("invoice");

    // Jobs of the workflow go to r1 only, with the stored content; r2 has it not deployed.
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jobs.add(submit("invoice"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> r1.assignedJobs().containsAll(jobs));
    assertThat(r2.assignedJobs()).isEmpty();
    assertThat(workflowJsonSentFor(r1, jobs.get(0)))
        .contains("\"type\":\"OpenExcel\"")
        .contains("\"deployed_only\":true");

    // Undeployed from r1: a new job waits, offered to no robot, until r2 has it deployed.
    JsonNode undone =
        ok("POST", "/api/v1/workflows/invoice/undeploy", "{\"robot_ids\":[\"r1\"]}", 200);
    assertThat(undone.get("undeployed").get(0).asString()).isEqualTo("r1");
    String next = submit("invoice");
    ok("POST", "/api/v1/workflows/invoice/deploy", "{\"robot_ids\":[\"r2\"]}", 202);
    r2.heartbeatNow();
    await().atMost(Duration.ofSeconds(10)).until(() -> status("invoice", "r2").equals("deployed"));
    Instant confirmed =
        Instant.parse(
            ok("GET", "/api/v1/robots/r2/deployments", null, 200)
                .get(0)
                .get("updated_at")
                .asString());
    await().atMost(Duration.ofSeconds(10)).until(() -> r2.assignedJobs().contains(next));
    assertThat(assignedAt(r2, next)).isAfterOrEqualTo(confirmed);
    assertThat(r1.assignedJobs()).doesNotContain(next);
  }

  static Instant assignedAt(RobotClient r, String jobId) {
    for (Map<String, Object> m : r.received()) {
      if ("job_assign".equals(m.get("type"))
          && m.get("payload") instanceof Map<?, ?> p
          && jobId.equals(p.get("job_id"))) {
        return Instant.parse(String.valueOf(m.get("timestamp")));
      }
    }
    throw new AssertionError("no job_assign of " + jobId);
  }

  @Test
  void aRobotThatRejectsAJobOfTheWorkflowHasItsDeploymentFailed() throws Exception {
    saveWorkflow("invoice", true);
    RobotClient picky = robot("picky", b -> b.acceptance(job -> "no Excel here"));
    ok("POST", "/api/v1/workflows/invoice/deploy", "{\"robot_ids\":[\"picky\"]}", 202);
    picky.heartbeatNow();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status("invoice", "picky").equals("deployed"));
    submit("invoice");
    await().atMost(Duration.ofSeconds(10)).until(() -> status("invoice", "picky").equals("failed"));
    JsonNode d = ok("GET", "/api/v1/workflows/invoice/deployments", null, 200).get(0);
    assertThat(d.get("reason").asString()).isEqualTo("no Excel here");
    // Deploying again makes it pending; the robot's next heartbeat confirms it again.
    ok("POST", "/api/v1/workflows/invoice/deploy", "{\"robot_ids\":[\"picky\"]}", 202);
    assertThat(status("invoice", "picky")).isEqualTo("pending");
  }

  @Test
  void aJobNamingAStoredWorkflowCarriesItsPublishedContentToAnyRobot() throws Exception {
    saveWorkflow("plain", false);
    RobotClient r = robot("r1", b -> b);
    String id = submit("plain");
    await().atMost(Duration.ofSeconds(10)).until(() -> r.assignedJobs().contains(id));
    assertThat(workflowJsonSentFor(r, id)).contains("\"type\":\"OpenExcel\"");
    JsonNode job = ok("GET", "/api/v1/robot-jobs/" + id, null, 200);
    assertThat(job.get("workflow_name").asString()).isEqualTo("Invoice run");
  }

  @Test
  void badDeploymentsAreRefusedWithWhatIsWrong() throws Exception {
    saveWorkflow("invoice", true);
    robot("r1", b -> b);
    assertRefused(
        "/api/v1/workflows/invoice/deploy",
        "{\"robot_ids\":[\"nope\"]}",
        404,
        "Robot not found: nope");
    assertRefused(
        "/api/v1/workflows/ghost/deploy",
        "{\"robot_ids\":[\"r1\"]}",
        404,
        "Workflow not found: ghost");
    assertRefused(
        "/api/v1/workflows/invoice/deploy",
        "{\"robot_ids\":[\"r1\"],\"version\":7}",
        404,
        "Workflow not found: invoice version 7");
    assertRefused("/api/v1/workflows/invoice/deploy", "{}", 400, "robot_ids or robot_tag");
    assertRefused(
        "/api/v1/workflows/invoice/deploy",
        "{\"robot_tag\":\"gpu\"}",
        404,
        "no robot has the tag 'gpu'");
    assertRefused(
        "/api/v1/workflows/invoice/deploy",
        "{\"robot_ids\":\"r1\"}",
        400,
        "field 'robot_ids' must be an array");
    assertRefused("/api/v1/workflows/invoice/deploy", "{\"robots\":[\"r1\"]}", 400, "robots");
    assertThat(send("GET", "/api/v1/robots/nope/deployments", null).statusCode()).isEqualTo(404);
    assertThat(ok("GET", "/api/v1/workflows/invoice/deployments", null, 200).size()).isZero();
  }

  void assertRefused(String path, String body, int status, String message) throws Exception {
    HttpResponse<String> r = send("POST", path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.body()).contains(message);
  }
}
