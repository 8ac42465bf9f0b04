package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15: a robot job belongs to the client that submitted it. A {@code client} lists, reads,
 * cancels and retries only its own (another's answers 404 as an unknown one); operators reach all.
 */
class RobotJobOwnersTest {
  @TempDir Path dir;
  TestApp app;

  @AfterEach
  void close() {
    if (app != null) {
      app.close();
    }
  }

  HttpResponse<String> as(String token, String method, String path, String body) throws Exception {
    return app.send(method, path, body, "X-Avtomatika-Token", token);
  }

  @Test
  void aClientReachesOnlyTheRobotJobsItSubmitted() throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [alice]
            token = "alice-token"
            monthly_attempts = 100

            [bob]
            token = "bob-token"
            monthly_attempts = 100

            [ops]
            token = "ops-token"
            monthly_attempts = 100
            role = "operator"
            """);
    app =
        TestApp.start(
            dir.resolve("data"),
            Files.createDirectories(dir.resolve("blueprints")),
            Map.of("CLIENTS_CONFIG_PATH", clients.toString(), "ROBOT_AUTH_TOKEN", "r-secret"));
    HttpResponse<String> made =
        as("alice-token", "POST", "/api/v1/robot-jobs", "{\"workflow_id\":\"invoices\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String id = TestApp.JSON.readTree(made.body()).get("id").asString();

    for (String path :
        new String[] {"/api/v1/robot-jobs/" + id, "/api/v1/robot-jobs/" + id + "/logs"}) {
      HttpResponse<String> r = as("bob-token", "GET", path, null);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).contains("Job not found");
      assertThat(as("alice-token", "GET", path, null).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(as("bob-token", "POST", "/api/v1/robot-jobs/" + id + "/cancel", "").statusCode())
        .isEqualTo(404);
    JsonNode bobs =
        TestApp.JSON.readTree(as("bob-token", "GET", "/api/v1/robot-jobs", null).body());
    assertThat(bobs.get("total").asLong()).isZero();
    JsonNode alices =
        TestApp.JSON.readTree(as("alice-token", "GET", "/api/v1/robot-jobs", null).body());
    assertThat(alices.get("total").asLong()).isEqualTo(1);
    assertThat(as("ops-token", "GET", "/api/v1/robot-jobs/" + id, null).statusCode())
        .isEqualTo(200);
    assertThat(as("alice-token", "POST", "/api/v1/robot-jobs/" + id + "/cancel", "").statusCode())
        .isEqualTo(200);
    HttpResponse<String> retried =
        as("alice-token", "POST", "/api/v1/robot-jobs/" + id + "/retry", "");
    assertThat(retried.statusCode()).as(retried.body()).isIn(200, 201);
    String again = TestApp.JSON.readTree(retried.body()).get("id").asString();
    assertThat(as("alice-token", "GET", "/api/v1/robot-jobs/" + again, null).statusCode())
        .as("the retry is alice's too")
        .isEqualTo(200);
    assertThat(as("bob-token", "GET", "/api/v1/robots", null).statusCode()).isEqualTo(403);
  }
}
