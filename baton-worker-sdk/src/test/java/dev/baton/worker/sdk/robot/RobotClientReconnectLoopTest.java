package dev.baton.worker.sdk.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.worker.sdk.internal.TinyWebSocketPeer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The robot's own reconnect loop ({@code Builder.reconnect}): when its node goes away it registers
 * with the next node that takes it, skipping one that is down, naming the job it still runs, and
 * says so to its listener.
 */
class RobotClientReconnectLoopTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final TinyWebSocketPeer a = new TinyWebSocketPeer();
  private final TinyWebSocketPeer b = new TinyWebSocketPeer();
  private final TinyWebSocketPeer c = new TinyWebSocketPeer();
  private final CountDownLatch release = new CountDownLatch(1);
  private final BlockingQueue<Reconnected> reconnects = new LinkedBlockingQueue<>();
  private RobotClient robot;

  RobotClientReconnectLoopTest() throws Exception {}

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    if (robot != null) {
      robot.kill();
    }
    a.close();
    b.close();
    c.close();
  }

  @Test
  void aRobotWhoseNodeDiedRegistersWithTheNextNodeUpNamingItsRunningJob() throws Exception {
    List<URI> nodes = List.of(uri(a), uri(b), uri(c));
    CompletableFuture<RobotClient> connecting =
        CompletableFuture.supplyAsync(() ->
            RobotClient.builder(uri(a), "r1")
                // Heartbeats, as robots send them: the JDK's WebSocket can miss the end of a
                // connection that closes while it delivers a message, and then the first heartbeat
                // that cannot be written ends it.
                .heartbeatInterval(Duration.ofMillis(100))
                // A node that takes the connection but never answers costs 2 s, not the test.
                .connectTimeout(Duration.ofSeconds(2))
                .reconnect(nodes)
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .onReconnect(reconnects::add)
                .handler((job, ctx) -> {
                  release.await();
                  return Map.of();
                })
                .connect());
    TinyWebSocketPeer.Connection first = next(a);
    acknowledge(first);
    robot = connecting.get(10, TimeUnit.SECONDS);
    first.sendText(
        "{\"type\":\"job_assign\",\"id\":\"m1\",\"payload\":{\"job_id\":\"j1\","
            + "\"workflow_id\":\"w\"}}");
    next(first, "job_accept");

    b.close(); // the next node is down too: refused, then the one after
    first.drop(); // its node killed: no close handshake
    TinyWebSocketPeer.Connection third = next(c);
    JsonNode register = acknowledge(third);
    assertThat(register.path("payload").path("active_job_ids").toString()).isEqualTo("[\"j1\"]");
    Reconnected moved = Objects.requireNonNull(reconnects.poll(10, TimeUnit.SECONDS));
    assertThat(moved).isEqualTo(new Reconnected(uri(a), uri(c), java.util.Set.of("j1")));
    assertThat(moved.moved()).isTrue();
    assertThat(robot.node()).isEqualTo(uri(c));
    assertThat(robot.connected()).isTrue();

    // Its result goes to the node it is connected to now.
    release.countDown();
    assertThat(next(third, "job_complete").path("payload").path("job_id").asString())
        .isEqualTo("j1");

    third.drop(); // and once more: round the list to the first node
    acknowledge(next(a));
    assertThat(Objects.requireNonNull(reconnects.poll(10, TimeUnit.SECONDS)).to())
        .isEqualTo(uri(a));
  }

  @Test
  void theBackoffNeedsAPositiveFirstPauseNoLongerThanItsMax() {
    RobotClient.Builder builder = RobotClient.builder(uri(a), "r1");
    assertThatThrownBy(() -> builder.reconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < first <= max");
    assertThatThrownBy(() -> builder.reconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static URI uri(TinyWebSocketPeer peer) {
    return URI.create("ws://127.0.0.1:" + peer.port() + "/robots/ws");
  }

  /** Reads the robot's register and answers it with success; returns the register. */
  private static JsonNode acknowledge(TinyWebSocketPeer.Connection c) throws Exception {
    JsonNode register = JSON.readTree(poll(c));
    assertThat(register.path("type").asString()).isEqualTo("register");
    c.sendText("{\"type\":\"register_ack\",\"payload\":{\"success\":true}}");
    return register;
  }

  private static JsonNode next(TinyWebSocketPeer.Connection c, String type) throws Exception {
    while (true) {
      JsonNode m = JSON.readTree(poll(c));
      if (type.equals(m.path("type").asString())) {
        return m;
      }
    }
  }

  private static String poll(TinyWebSocketPeer.Connection c) throws InterruptedException {
    return Objects.requireNonNull(c.received.poll(10, TimeUnit.SECONDS), "no message in 10 s");
  }

  private static TinyWebSocketPeer.Connection next(TinyWebSocketPeer peer)
      throws InterruptedException {
    return Objects.requireNonNull(peer.connections.poll(10, TimeUnit.SECONDS), "no connection");
  }
}
