package dev.baton.worker.sdk.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.internal.TinyWebSocketPeer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A robot whose node died heartbeats by itself once it reconnects: its heartbeat thread belongs to
 * a connection, so the dead connection's ends with it and the new one gets its own, naming the job
 * the robot still runs.
 */
class RobotClientReconnectTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final TinyWebSocketPeer peer = new TinyWebSocketPeer();
  private final CountDownLatch release = new CountDownLatch(1);
  private RobotClient robot;

  RobotClientReconnectTest() throws Exception {}

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    if (robot != null) {
      robot.kill();
    }
    peer.close();
  }

  @Test
  void aRobotReconnectedAfterItsConnectionDiedHeartbeatsByItselfWithItsRunningJob()
      throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + peer.port() + "/robots/ws");
    CompletableFuture<RobotClient> connecting =
        CompletableFuture.supplyAsync(() ->
            RobotClient.builder(uri, "r1")
                .heartbeatInterval(Duration.ofMillis(50))
                .handler((job, ctx) -> {
                  release.await();
                  return Map.of();
                })
                .connect());
    TinyWebSocketPeer.Connection first = next();
    acknowledge(first);
    robot = connecting.get(10, TimeUnit.SECONDS);
    first.sendText(
        "{\"type\":\"job_assign\",\"id\":\"m1\",\"payload\":{\"job_id\":\"j1\","
            + "\"workflow_id\":\"w\"}}");
    await().until(() -> robot.runningJobs().contains("j1"));
    awaitHeartbeats(first, 2);

    first.drop(); // its node killed: no close handshake
    await().atMost(Duration.ofSeconds(10)).until(() -> !robot.connected());

    CompletableFuture<RobotClient> reconnecting =
        CompletableFuture.supplyAsync(() -> robot.reconnect(uri));
    TinyWebSocketPeer.Connection second = next();
    JsonNode register = acknowledge(second);
    assertThat(register.path("payload").path("active_job_ids").get(0).asString()).isEqualTo("j1");
    reconnecting.get(10, TimeUnit.SECONDS);
    assertThat(robot.connected()).isTrue();
    // reconnect() sends one heartbeat itself; the rest come from the new connection's thread.
    List<JsonNode> beats = awaitHeartbeats(second, 4);
    assertThat(beats)
        .allSatisfy(b ->
            assertThat(b.path("payload").path("active_job_ids").toString()).isEqualTo("[\"j1\"]"));
  }

  @Test
  void aReconnectThatCannotRegisterLeavesTheRobotAndItsJobsForTheNextTry() throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + peer.port() + "/robots/ws");
    CompletableFuture<RobotClient> connecting =
        CompletableFuture.supplyAsync(() ->
            RobotClient.builder(uri, "r1")
                .heartbeatInterval(Duration.ofMillis(50))
                .handler((job, ctx) -> {
                  release.await();
                  return Map.of();
                })
                .connect());
    TinyWebSocketPeer.Connection first = next();
    acknowledge(first);
    robot = connecting.get(10, TimeUnit.SECONDS);
    first.sendText(
        "{\"type\":\"job_assign\",\"id\":\"m1\",\"payload\":{\"job_id\":\"j1\","
            + "\"workflow_id\":\"w\"}}");
    await().until(() -> robot.runningJobs().contains("j1"));

    CompletableFuture<RobotClient> refused =
        CompletableFuture.supplyAsync(() -> robot.reconnect(uri));
    TinyWebSocketPeer.Connection second = next();
    second.sendText(
        "{\"type\":\"register_ack\",\"payload\":{\"success\":false,"
            + "\"message\":\"shutting down\"}}");
    assertThat(refused)
        .failsWithin(Duration.ofSeconds(10))
        .withThrowableThat()
        .withMessageContaining("shutting down");
    assertThat(robot.connected()).isFalse();
    assertThat(robot.runningJobs()).containsExactly("j1");

    CompletableFuture<RobotClient> again =
        CompletableFuture.supplyAsync(() -> robot.reconnect(uri));
    TinyWebSocketPeer.Connection third = next();
    acknowledge(third);
    again.get(10, TimeUnit.SECONDS);
    awaitHeartbeats(third, 3);
  }

  /** Reads the robot's register and answers it with success; returns the register. */
  private static JsonNode acknowledge(TinyWebSocketPeer.Connection c) throws Exception {
    JsonNode register = JSON.readTree(poll(c));
    assertThat(register.path("type").asString()).isEqualTo("register");
    c.sendText("{\"type\":\"register_ack\",\"payload\":{\"success\":true}}");
    return register;
  }

  /** Waits for {@code n} heartbeats on the connection, skipping other messages. */
  private static List<JsonNode> awaitHeartbeats(TinyWebSocketPeer.Connection c, int n)
      throws Exception {
    List<JsonNode> beats = new java.util.ArrayList<>();
    while (beats.size() < n) {
      JsonNode m = JSON.readTree(poll(c));
      if ("heartbeat".equals(m.path("type").asString())) {
        beats.add(m);
      }
    }
    return beats;
  }

  private static String poll(TinyWebSocketPeer.Connection c) throws InterruptedException {
    return Objects.requireNonNull(c.received.poll(5, TimeUnit.SECONDS), "no message in 5 s");
  }

  private TinyWebSocketPeer.Connection next() throws InterruptedException {
    return Objects.requireNonNull(peer.connections.poll(5, TimeUnit.SECONDS), "no connection");
  }
}
