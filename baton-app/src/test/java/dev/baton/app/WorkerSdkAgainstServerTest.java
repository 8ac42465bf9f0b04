package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Java SDK against the real server on SQLite: a job runs, reports progress, is cancelled. */
class WorkerSdkAgainstServerTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  BatonApp app;
  Worker worker;
  final AtomicBoolean interrupted = new AtomicBoolean();
  final CountDownLatch started = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    for (String kind : new String[] {"greet", "slow"}) {
      Files.writeString(
          blueprints.resolve(kind + ".yaml"),
          """
          name: %s
          start: run
          states:
            run:
              dispatch: { task: %s, params: { name: "${initial_data.name}" } }
              on: { success: finished }
          """
              .formatted(kind, kind));
    }
    app =
        BatonApp.start(
            Settings.resolve(
                Map.of(
                    Setting.API_PORT,
                    "0",
                    Setting.API_HOST,
                    "127.0.0.1",
                    Setting.DATA_DIR,
                    dir.resolve("data").toString(),
                    Setting.BLUEPRINTS_DIR,
                    blueprints.toString()),
                // Two pollers, a heartbeat and a WebSocket: more than upstream's 5 requests a
                // minute, so the rate limit is off here.
                Map.of("WORKER_POLL_TIMEOUT_SECONDS", "2", "RATE_LIMITING_ENABLED", "false"),
                null));
    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "sdk-1")
            .token("secure-worker-token")
            .concurrency(2)
            .websocket(true)
            .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .handle(
                "greet", (task, ctx) -> TaskResult.success(Map.of("hi", task.params().get("name"))))
            .handle(
                "slow",
                (task, ctx) -> {
                  ctx.progress(0.5, "halfway");
                  started.countDown();
                  try {
                    new CountDownLatch(1).await(); // until the server cancels the task
                  } catch (InterruptedException e) {
                    interrupted.set(true);
                    throw e;
                  }
                  return TaskResult.success(Map.of());
                })
            .build();
    worker.start();
    await().atMost(Duration.ofSeconds(10)).until(worker::websocketConnected);
  }

  @AfterEach
  void stop() {
    worker.close();
    app.close();
  }

  @Test
  void aJobRunsToTheEndThroughTheSdk() throws Exception {
    String id = create("greet", "{\"name\":\"Ada\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "finished".equals(job(id).path("status").asString()));
    assertThat(job(id).path("state_history").path("hi").asString()).isEqualTo("Ada");
  }

  @Test
  void progressIsSeenAndACancelReachesTheRunningHandler() throws Exception {
    String id = create("slow", "{\"name\":\"x\"}");
    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS))
        .as("task started")
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> job(id).path("progress").path("progress").asDouble() == 0.5);

    HttpResponse<String> cancel = send("POST", "/api/v1/jobs/" + id + "/cancel", "");
    assertThat(cancel.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).untilTrue(interrupted);
    assertThat(job(id).path("status").asString()).isEqualTo("cancelled");
  }

  private String create(String blueprint, String input) throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/jobs",
            "{\"blueprint\":\"" + blueprint + "\",\"input\":" + input + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asString();
  }

  private JsonNode job(String id) throws Exception {
    return JSON.readTree(send("GET", "/api/v1/jobs/" + id, null).body());
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(10));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
