package dev.baton.worker.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.Task;
import dev.baton.worker.sdk.internal.WireFormat.CancelCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ControlChannelTest {
  private final TinyWebSocketPeer peer = new TinyWebSocketPeer();
  private final HttpClient http = TestConfigs.http();
  private final List<CancelCommand> cancels = new CopyOnWriteArrayList<>();
  private final ControlChannel channel =
      new ControlChannel(
          TestConfigs.config(URI.create("http://127.0.0.1:" + peer.port() + "/"), Map.of()),
          http,
          cancels::add);
  private final Thread loop = Thread.ofVirtual().unstarted(channel);

  ControlChannelTest() throws Exception {}

  @AfterEach
  void tearDown() throws Exception {
    loop.interrupt();
    peer.close();
    http.shutdownNow();
  }

  @Test
  void receivesCancelsSendsProgressReconnectsAndClosesCleanly() throws Exception {
    loop.start();
    TinyWebSocketPeer.Connection first = next();
    assertThat(first.path).isEqualTo("/_worker/ws/w1");
    assertThat(first.headers).containsEntry("x-worker-token", TestConfigs.TOKEN);
    await().until(channel::connected);

    first.sendText("{\"command\":\"reload\"}");
    first.sendFragmented("{\"command\":\"cancel_task\",", "\"task_id\":\"t1\",\"job_id\":\"j1\"}");
    await().until(() -> cancels.equals(List.of(new CancelCommand("t1", "j1"))));

    channel.send(new Task("j1", "t1", "x", Map.of(), Map.of()), 0.25, "a quarter");
    String progress = Objects.requireNonNull(first.received.poll(5, TimeUnit.SECONDS));
    assertThat(JsonMapper.builder().build().readValue(progress, Map.class))
        .isEqualTo(
            Map.of(
                "event", "progress_update",
                "job_id", "j1",
                "task_id", "t1",
                "progress", 0.25,
                "message", "a quarter"));

    first.drop();
    TinyWebSocketPeer.Connection second = next();
    await().until(channel::connected);

    loop.interrupt();
    assertThat(second.closeFrame.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(second.closeCode).isEqualTo(1000);
    loop.join();
  }

  @Test
  void dropsProgressWhileDisconnected() {
    channel.send(new Task("j1", "t1", "x", Map.of(), Map.of()), 0.5, "nobody listens");
    assertThat(channel.connected()).isFalse();
  }

  private TinyWebSocketPeer.Connection next() throws InterruptedException {
    return Objects.requireNonNull(peer.connections.poll(5, TimeUnit.SECONDS), "no connection");
  }
}
