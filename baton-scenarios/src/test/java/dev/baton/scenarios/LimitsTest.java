package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.engine.BatonException;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Priority, cooldown, manual runs, max_executions with ACK, event triggers; ticks by hand. */
class LimitsTest {
  @TempDir Path dir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));
  Rig rig;

  @AfterEach
  void close() {
    if (rig != null) {
      rig.close();
    }
  }

  void file(String name, String json) throws Exception {
    Files.writeString(dir.resolve(name), json);
  }

  void start(int maxConcurrent) {
    rig =
        new Rig(
            new InMemoryStore(),
            clock,
            1,
            Map.of("max_concurrent_scenarios", maxConcurrent),
            dir,
            false,
            false);
  }

  static String automatic(String name, int priority, int cooldown) {
    return """
    {"name": "%s", "priority": %d, "cooldown": %d, "trigger": {"type": "automatic"},
     "actions": [{"type": "log_event", "message": "%s ran"}]}
    """
        .formatted(name, priority, cooldown, name);
  }

  /** How many runs each scenario has had, once none is running any more. */
  Map<String, Object> idle(String name) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() ->
            rig.scenarios.status().stream().allMatch(s -> ((List<?>) s.get("running")).isEmpty()));
    return rig.scenarios.status(rig.scenarios.scenario(name).orElseThrow());
  }

  int runs(String name) {
    return rig.scenarios.runs(name, 100).size();
  }

  @Test
  void aNodeThatDoesNotLeadTheScenariosStartsNoAutomaticRunUntilItLeads() throws Exception {
    file("a.json", automatic("auto", 1, 60));
    start(4);
    java.util.concurrent.atomic.AtomicBoolean leads =
        new java.util.concurrent.atomic.AtomicBoolean(false);
    rig.scenarios.ledBy(leads::get);

    rig.scenarios.tick();
    assertThat(runs("auto")).isZero();
    // A manual run is taken on any node.
    rig.scenarios.run("auto", Map.of("source", "test"));
    assertThat(runs("auto")).isEqualTo(1);
    idle("auto");
    clock.advance(Duration.ofSeconds(61));

    leads.set(true);
    rig.scenarios.tick();
    assertThat(runs("auto")).isEqualTo(2);
  }

  @Test
  void lowerPriorityNumberGoesFirstUnderTheGlobalLimit() throws Exception {
    file("a.json", automatic("later", 5, 60));
    file("b.json", automatic("first", 1, 60));
    start(1);
    assertThat(rig.scenarios.scenarios())
        .extracting(Scenario::name)
        .containsExactly("first", "later");

    rig.scenarios.tick();
    assertThat(runs("first")).isEqualTo(1);
    assertThat(runs("later")).isZero();
    idle("first");

    rig.scenarios.tick(); // "first" is cooling down: "later" gets its turn
    idle("later");
    assertThat(runs("later")).isEqualTo(1);
    assertThat(runs("first")).isEqualTo(1);
  }

  @Test
  void cooldownCountsFromTheEndOfTheRun() throws Exception {
    file("a.json", automatic("again", 0, 60));
    start(1);
    rig.scenarios.tick();
    idle("again");
    assertThat(runs("again")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(59));
    rig.scenarios.tick();
    assertThat(runs("again")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    rig.scenarios.tick();
    idle("again");
    assertThat(runs("again")).isEqualTo(2);
  }

  @Test
  void defaultCooldownIsSixtySeconds() throws Exception {
    file(
        "a.json",
        """
        {"name": "plain", "actions": [{"type": "log_event", "message": "x"}]}
        """);
    start(1);
    assertThat(rig.scenarios.scenario("plain").orElseThrow().cooldownSeconds()).isEqualTo(60);
    assertThat(rig.scenarios.scenario("plain").orElseThrow().triggerType()).isEqualTo("automatic");
  }

  @Test
  void manualScenarioRunsOnceWhenRequested() throws Exception {
    file(
        "m.json",
        """
        {"name": "by hand", "cooldown": 0, "trigger": {"type": "manual"},
         "actions": [{"type": "log_event", "message": "{{ trigger.source }}"}]}
        """);
    start(1);
    rig.scenarios.tick();
    assertThat(runs("by hand")).isZero();

    assertThat(rig.post("/api/v1/scenarios/by%20hand/request", "").statusCode()).isEqualTo(202);
    rig.scenarios.tick();
    assertThat(idle("by hand").get("manual_run_requested")).isEqualTo(false);
    rig.scenarios.tick();
    assertThat(runs("by hand")).isEqualTo(1);
    assertThat(rig.scenarios.runs("by hand", 1).get(0).get("actions").toString())
        .contains("message=manual");
  }

  @Test
  void maxExecutionsBlocksUntilAck() throws Exception {
    Files.copy(
        Path.of(getClass().getResource("/samples/test_execution_counter.json.example").toURI()),
        dir.resolve("test_execution_counter.json"));
    start(1);
    for (int i = 0; i < 3; i++) {
      rig.scenarios.run("test_execution_counter", Map.of("source", "test"));
      idle("test_execution_counter");
    }
    assertThat(idle("test_execution_counter").get("blocked")).isEqualTo(true);
    assertThatThrownBy(() -> rig.scenarios.run("test_execution_counter", Map.of()))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("max_executions (3)");
    var refused = rig.post("/api/v1/scenarios/test_execution_counter/run", "{}");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("max_executions");

    // CMD_ACK to Baton resets the counters, as upstream's on_ack.
    rig.post(
        "/event",
        "{\"source\": \"admin\", \"destination\": \"baton\", \"event_type\": \"CMD_ACK\"}");
    assertThat(idle("test_execution_counter").get("executions")).isEqualTo(0);
    rig.scenarios.run("test_execution_counter", Map.of());
    assertThat(idle("test_execution_counter").get("executions")).isEqualTo(1);
    assertThat(runs("test_execution_counter")).isEqualTo(4);
  }

  @Test
  void anAckOfOneScenarioResetsOnlyItsCounter() throws Exception {
    String limited =
        """
        {"name": "%s", "cooldown": 0, "max_executions": 1, "trigger": {"type": "manual"},
         "actions": [{"type": "log_event", "message": "ran"}]}
        """;
    file("a.json", limited.formatted("a"));
    file("b.json", limited.formatted("b"));
    start(2);
    rig.scenarios.run("a", Map.of());
    rig.scenarios.run("b", Map.of());
    assertThat(idle("a").get("blocked")).isEqualTo(true);
    assertThat(idle("b").get("blocked")).isEqualTo(true);

    var acked = rig.post("/api/v1/scenarios/a/ack", "");
    assertThat(acked.statusCode()).isEqualTo(200);
    assertThat(idle("a").get("executions")).isEqualTo(0);
    assertThat(idle("b").get("executions")).as("b keeps its count").isEqualTo(1);
    assertThatThrownBy(() -> rig.scenarios.run("b", Map.of()))
        .hasMessageContaining("POST /api/v1/scenarios/b/ack");
    rig.scenarios.run("a", Map.of());
    assertThat(idle("a").get("executions")).isEqualTo(1);

    assertThat(rig.post("/api/v1/scenarios/nope/ack", "").statusCode()).isEqualTo(404);
  }

  @Test
  void theCountIsTheStoresSoANewSchedulerOnItGoesOnFromIt() throws Exception {
    file(
        "a.json",
        """
        {"name": "a", "cooldown": 0, "max_executions": 2, "trigger": {"type": "manual"},
         "actions": [{"type": "log_event", "message": "ran"}]}
        """);
    InMemoryStore store = new InMemoryStore();
    rig = new Rig(store, clock, 1, Map.of(), dir, false, false);
    rig.scenarios.run("a", Map.of());
    idle("a");
    rig.close();
    // Another process (or the node that takes the lead over) on the same store.
    rig = new Rig(store, clock, 1, Map.of(), dir, false, false);
    assertThat(idle("a").get("executions")).isEqualTo(1);
    rig.scenarios.run("a", Map.of());
    assertThat(idle("a").get("blocked")).isEqualTo(true);
    assertThatThrownBy(() -> rig.scenarios.run("a", Map.of()))
        .hasMessageContaining("max_executions (2)");
  }

  @Test
  void eventTriggerRunsOnAMatchingEvent() throws Exception {
    file(
        "e.json",
        """
        {"name": "on failure", "cooldown": 0,
         "trigger": {"type": "event", "event_type": "ORDER_FAILED", "filter": {"data.line": "A"}},
         "actions": [{"type": "log_event", "message": "line {{ trigger.data.line }} from {{ trigger.source }}"}]}
        """);
    start(1);
    rig.post(
        "/event",
        "{\"source\": \"mes\", \"destination\": \"baton\", \"event_type\": \"ORDER_FAILED\", \"data\": {\"line\": \"B\"}}");
    rig.scenarios.tick();
    assertThat(runs("on failure")).isZero();

    // In a cumulative batch, as avena senders send by default.
    rig.post(
        "/event",
        "{\"source\": \"mes\", \"event_type\": \"cumulative\", \"data\": {\"events\": ["
            + "{\"source\": \"mes\", \"event_type\": \"OTHER\"},"
            + "{\"source\": \"mes\", \"event_type\": \"ORDER_FAILED\", \"data\": {\"line\": \"A\"}}]}}");
    rig.scenarios.tick();
    idle("on failure");
    rig.scenarios.tick(); // the event was consumed
    assertThat(runs("on failure")).isEqualTo(1);
    assertThat(rig.scenarios.runs("on failure", 1).get(0).get("actions").toString())
        .contains("line A from mes");
  }

  @Test
  void conditionsDecideAutomaticStarts() throws Exception {
    file(
        "c.json",
        """
        {"name": "on fault", "cooldown": 0, "trigger": {"type": "automatic",
          "conditions": {"client_state": {"any_service_in_state": "FAULT"}}},
         "actions": [{"type": "log_event", "message": "{{ error_client }}: {{ error_message }}"}]}
        """);
    start(1);
    await().until(() -> rig.components.status("c1").orElseThrow().fsmState() != null);
    rig.scenarios.tick();
    assertThat(runs("on fault")).isZero();
    rig.sim(1).fault("motor overheated");
    await().until(() -> "FAULT".equals(rig.components.status("c1").orElseThrow().fsmState()));
    rig.scenarios.tick();
    idle("on fault");
    assertThat(runs("on fault")).isEqualTo(1);
  }

  @Test
  void unknownScenarioIs404AndBadBodyIs400() throws Exception {
    start(1);
    var missing = rig.post("/api/v1/scenarios/nope/run", "");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"error\":\"Scenario not found: nope\"}");
    var bad = rig.post("/event", "{\"source\": \"x\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("event_type is required");
    var badBatch =
        rig.post(
            "/event",
            "{\"source\": \"x\", \"event_type\": \"cumulative\", \"data\": {\"events\": [1]}}");
    assertThat(badBatch.statusCode()).isEqualTo(400);
    assertThat(badBatch.body()).contains("data.events[0] must be an object");
  }
}
