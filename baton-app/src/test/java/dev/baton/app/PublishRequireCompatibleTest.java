package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12: publishing can require the compatibility check to pass. With a job running in the state
 * version 2 changes, {@code ?require=compatible} refuses the publish with the check's report;
 * without it, the publish goes ahead (the running job stays on version 1).
 */
class PublishRequireCompatibleTest {
  @TempDir Path dir;

  @Test
  void aPublishThatMustBeCompatibleIsRefusedWhileRunningJobsWouldNeedMigrating() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.copy(Path.of("../examples/versioning/pay.yaml"), blueprints.resolve("pay.yaml"));
    try (TestApp app = TestApp.start(dir.resolve("data"), blueprints, Map.of());
        HttpClient http = HttpClient.newHttpClient()) {
      app.create("pay", "{\"amount\":5}"); // waits in charge: no worker takes it
      HttpResponse<String> pushed =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + app.port() + "/api/v1/blueprints"))
                  .header("Content-Type", "application/yaml")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Files.readString(Path.of("../examples/versioning/pay-v2.yaml"))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
      int v2 = TestApp.JSON.readTree(pushed.body()).get("version").asInt();

      String publish = "/api/v1/blueprints/pay/versions/" + v2 + "/publish";
      HttpResponse<String> bad = app.send("POST", publish + "?require=maybe", null);
      assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
      assertThat(bad.body()).contains("'require' must be 'compatible'");

      HttpResponse<String> refused = app.send("POST", publish + "?require=compatible", null);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
      JsonNode body = TestApp.JSON.readTree(refused.body());
      assertThat(body.get("error").asString()).contains("needs_migration");
      assertThat(body.at("/report/verdict").asString()).isNotBlank();
      assertThat(app.send("GET", "/api/v1/blueprints/pay", null).body())
          .as("still version 1")
          .contains("\"version\":1");

      int exit =
          new CliRun()
              .run(
                  "blueprints",
                  "publish",
                  "pay",
                  String.valueOf(v2),
                  "--require",
                  "compatible",
                  "--server",
                  "http://127.0.0.1:" + app.port());
      assertThat(exit).as("the CLI's refused publish").isEqualTo(1);

      assertThat(app.send("POST", publish, null).statusCode()).isEqualTo(200);
    }
  }
}
