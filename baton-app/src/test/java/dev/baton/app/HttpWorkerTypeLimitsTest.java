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
 * {@code TASK_TYPE_CONCURRENCY} over Avtomatika's worker protocol: an HTTP worker's long-poll is
 * held to the limit per task type that robots are held to, and a restarted server keeps it (the
 * count is the store's leased tasks).
 */
class HttpWorkerTypeLimitsTest {
  static final String TOKEN = "secure-worker-token";

  @TempDir Path dir;
  TestApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  void start() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("draw.yaml"),
        """
        name: draw
        start: run
        states:
          run:
            dispatch: { task: render, params: {} }
            on: { success: finished }
        """);
    app =
        TestApp.start(
            dir.resolve("data"),
            blueprints,
            Map.of("TASK_TYPE_CONCURRENCY", "render=1", "WORKER_POLL_TIMEOUT_SECONDS", "1"));
    HttpResponse<String> r =
        worker(
            "POST",
            "/_worker/workers/register",
            "{\"worker_id\":\"w1\",\"supported_tasks\":[\"render\"],\"max_concurrent_tasks\":4}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  HttpResponse<String> worker(String method, String path, String body) throws Exception {
    return app.send(method, path, body, "X-Worker-Token", TOKEN);
  }

  @Test
  void aWorkerGetsNoSecondTaskOfATypeAtItsLimitUntilTheFirstEnds() throws Exception {
    start();
    String first = app.create("draw", "{}");
    String second = app.create("draw", "{}");

    HttpResponse<String> got = worker("GET", "/_worker/workers/w1/tasks/next", null);
    assertThat(got.statusCode()).as(got.body()).isEqualTo(200);
    JsonNode task = TestApp.JSON.readTree(got.body());
    assertThat(task.get("job_id").asString()).isIn(first, second);
    // At the limit: the long-poll waits its timeout out and answers no task.
    assertThat(worker("GET", "/_worker/workers/w1/tasks/next", null).statusCode()).isEqualTo(204);

    HttpResponse<String> done =
        worker(
            "POST",
            "/_worker/tasks/result",
            "{\"job_id\":\""
                + task.get("job_id").asString()
                + "\",\"task_id\":\""
                + task.get("task_id").asString()
                + "\",\"worker_id\":\"w1\",\"result\":{\"status\":\"success\",\"data\":{}}}");
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    HttpResponse<String> next = worker("GET", "/_worker/workers/w1/tasks/next", null);
    assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    assertThat(TestApp.JSON.readTree(next.body()).get("job_id").asString())
        .isNotEqualTo(task.get("job_id").asString());
  }

  @Test
  void aBadLimitStopsTheStartNamingTheSetting() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            TestApp.start(
                dir.resolve("data"),
                Files.createDirectories(dir.resolve("blueprints")),
                Map.of("TASK_TYPE_CONCURRENCY", "render=none")))
        .hasMessageContaining("TASK_TYPE_CONCURRENCY")
        .hasMessageContaining("render");
  }
}
