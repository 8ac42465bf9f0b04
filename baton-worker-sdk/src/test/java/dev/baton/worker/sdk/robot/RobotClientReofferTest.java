package dev.baton.worker.sdk.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.internal.TinyWebSocketPeer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator offers a robot a job it already runs (its lease ran out and went out again to
 * the job's pinned robot, or a node that adopted it offers it once more): the robot accepts the
 * offer again, so the orchestrator counts the job as running on it, and does not start a second
 * run. The one run's result is the job's.
 */
class RobotClientReofferTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final TinyWebSocketPeer peer = new TinyWebSocketPeer();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger runs = new AtomicInteger();
  private final AtomicInteger asked = new AtomicInteger();
  private RobotClient robot;

  RobotClientReofferTest() throws Exception {}

  @AfterEach
  void tearDown() throws Exception {
    release.countDown();
    if (robot != null) {
      robot.kill();
    }
    peer.close();
  }

  @Test
  void aJobOfferedAgainWhileItRunsIsAcceptedAgainAndRunOnce() throws Exception {
    URI uri = URI.create("ws://127.0.0.1:" + peer.port() + "/robots/ws");
    CompletableFuture<RobotClient> connecting =
        CompletableFuture.supplyAsync(() ->
            RobotClient.builder(uri, "r1")
                .heartbeatInterval(Duration.ZERO)
                .maxConcurrentJobs(2)
                .acceptance(job -> {
                  asked.incrementAndGet();
                  return null;
                })
                .handler((job, ctx) -> {
                  runs.incrementAndGet();
                  release.await();
                  return Map.of("rows", 1);
                })
                .connect());
    TinyWebSocketPeer.Connection c = next();
    JsonNode register = JSON.readTree(poll(c));
    assertThat(register.path("type").asString()).isEqualTo("register");
    c.sendText("{\"type\":\"register_ack\",\"payload\":{\"success\":true}}");
    robot = connecting.get(10, TimeUnit.SECONDS);

    c.sendText(assign("m1"));
    assertThat(next(c, "job_accept").path("correlation_id").asString()).isEqualTo("m1");
    await().until(() -> robot.runningJobs().contains("j1"));

    c.sendText(assign("m2")); // the same job, offered again
    JsonNode again = next(c, "job_accept");
    assertThat(again.path("correlation_id").asString()).isEqualTo("m2");
    assertThat(again.path("payload").path("job_id").asString()).isEqualTo("j1");
    assertThat(robot.runningJobs()).containsExactly("j1");
    assertThat(asked).as("acceptance asked about the new offer only").hasValue(1);

    release.countDown();
    JsonNode complete = next(c, "job_complete");
    assertThat(complete.path("payload").path("job_id").asString()).isEqualTo("j1");
    await().until(() -> robot.runningJobs().isEmpty());
    assertThat(runs).as("handler runs of j1").hasValue(1);
    // Nothing more about j1: a second run would send a second job_complete.
    c.sendText("{\"type\":\"status_request\",\"id\":\"s1\",\"payload\":{}}");
    List<String> after = typesUntil(c, "status_response");
    assertThat(after).doesNotContain("job_complete", "job_failed");
  }

  private static String assign(String messageId) {
    return "{\"type\":\"job_assign\",\"id\":\""
        + messageId
        + "\",\"payload\":{\"job_id\":\"j1\",\"workflow_id\":\"w\"}}";
  }

  /** The next message of {@code type}, skipping others. */
  private static JsonNode next(TinyWebSocketPeer.Connection c, String type) throws Exception {
    while (true) {
      JsonNode m = JSON.readTree(poll(c));
      if (type.equals(m.path("type").asString())) {
        return m;
      }
    }
  }

  /** The types of the messages before the first of {@code type}. */
  private static List<String> typesUntil(TinyWebSocketPeer.Connection c, String type)
      throws Exception {
    List<String> out = new ArrayList<>();
    while (true) {
      String t = JSON.readTree(poll(c)).path("type").asString();
      if (type.equals(t)) {
        return out;
      }
      out.add(t);
    }
  }

  private static String poll(TinyWebSocketPeer.Connection c) throws InterruptedException {
    return Objects.requireNonNull(c.received.poll(5, TimeUnit.SECONDS), "no message in 5 s");
  }

  private TinyWebSocketPeer.Connection next() throws InterruptedException {
    return Objects.requireNonNull(peer.connections.poll(5, TimeUnit.SECONDS), "no connection");
  }
}
