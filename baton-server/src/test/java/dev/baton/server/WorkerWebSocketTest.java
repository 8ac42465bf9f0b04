package dev.baton.server;

import static dev.baton.server.TestServer.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.baton.server.TestServer.Res;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The worker WebSocket: cancel commands out, progress in. */
class WorkerWebSocketTest {
  private final TestServer t = new TestServer();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void aWorkerHearsThatItsTaskWasCancelled() {
    Inbox inbox = new Inbox();
    WebSocket ws = connect("w1", inbox);
    await().atMost(Duration.ofSeconds(5)).until(() -> t.channel.isConnected("w1"));
    t.register("w1", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();

    Res cancelled = t.post("/api/v1/jobs/" + jobId + "/cancel", "");

    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    assertThat(cancelled.json().path("status").asString()).isEqualTo("cancellation_request_sent");
    assertThat(cancelled.json().path("job").path("status").asString()).isEqualTo("cancelled");
    await().atMost(Duration.ofSeconds(5)).until(() -> !inbox.messages.isEmpty());
    JsonNode command = JsonMapper.builder().build().readTree(inbox.messages.poll());
    assertThat(command.path("command").asString()).isEqualTo("cancel_task");
    assertThat(command.path("task_id").asString()).isEqualTo(taskId);
    assertThat(command.path("job_id").asString()).isEqualTo(jobId);

    // The worker's late result for the cancelled task is refused.
    Res late = t.result(jobId, taskId, "w1", Map.of("status", "success"));
    assertThat(late.status()).isEqualTo(409);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    await().atMost(Duration.ofSeconds(5)).until(() -> !t.channel.isConnected("w1"));
  }

  @Test
  void progressUpdatesShowInTheJob() {
    WebSocket ws = connect("w1", new Inbox());
    t.register("w1", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();
    assertThat(t.job(jobId).path("progress").isNull()).isTrue();

    ws.sendText("not json", true).join();
    ws.sendText("{\"event\":\"something_else\"}", true).join();
    ws.sendText(
            TestServer.json(
                Map.of(
                    "event",
                    "progress_update",
                    "job_id",
                    jobId,
                    "task_id",
                    taskId,
                    "progress",
                    0.5,
                    "message",
                    "half way")),
            true)
        .join();

    await().atMost(Duration.ofSeconds(5)).until(() -> !t.job(jobId).path("progress").isNull());
    JsonNode progress = t.job(jobId).path("progress");
    assertThat(progress.path("progress").asDouble()).isEqualTo(0.5);
    assertThat(progress.path("message").asString()).isEqualTo("half way");
    assertThat(progress.path("task_id").asString()).isEqualTo(taskId);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
  }

  @Test
  void theWebSocketNeedsTheToken() {
    Throwable missing =
        catchThrowable(() ->
            t.http.newWebSocketBuilder().buildAsync(t.ws("/_worker/ws/w1"), new Inbox()).join());
    assertThat(missing).isInstanceOf(CompletionException.class);
    assertThat(missing.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) missing.getCause()).getResponse().statusCode())
        .isEqualTo(401);

    Throwable wrong =
        catchThrowable(() ->
            t.http
                .newWebSocketBuilder()
                .header("X-Worker-Token", "nope")
                .buildAsync(t.ws("/_worker/ws/w1"), new Inbox())
                .join());
    assertThat(((WebSocketHandshakeException) wrong.getCause()).getResponse().statusCode())
        .isEqualTo(401);
    assertThat(t.channel.isConnected("w1")).isFalse();
  }

  private WebSocket connect(String workerId, Inbox inbox) {
    WebSocket ws =
        t.http
            .newWebSocketBuilder()
            .header("X-Worker-Token", TOKEN)
            .buildAsync(t.ws("/_worker/ws/" + workerId), inbox)
            .join();
    await().atMost(Duration.ofSeconds(5)).until(() -> t.channel.isConnected(workerId));
    return ws;
  }
}
