package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.net.URI;
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
import tools.jackson.databind.json.JsonMapper;

/** The Java SDK against the real server on SQLite: a job runs, reports progress, is cancelled. */
class WorkerSdkAgainstServerTest {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  TestApp app;
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
        TestApp.start(dir.resolve("data"), blueprints, Map.of("WORKER_POLL_TIMEOUT_SECONDS", "2"));
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
    String id = app.create("greet", "{\"name\":\"Ada\"}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "finished".equals(app.job(id).path("status").asString()));
    assertThat(app.job(id).path("state_history").path("hi").asString()).isEqualTo("Ada");
  }

  @Test
  void progressIsSeenAndACancelReachesTheRunningHandler() throws Exception {
    String id = app.create("slow", "{\"name\":\"x\"}");
    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS))
        .as("task started")
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> app.job(id).path("progress").path("progress").asDouble() == 0.5);

    HttpResponse<String> cancel = app.send("POST", "/api/v1/jobs/" + id + "/cancel", "");
    assertThat(cancel.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).untilTrue(interrupted);
    assertThat(app.job(id).path("status").asString()).isEqualTo("cancelled");
  }
}
