package dev.baton.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole cycles on a real engine and store: snapshot, decisions, actions, ledger. */
class ControlLoopTest {
  final ManualClock clock = new ManualClock();
  final InMemoryStore store = new InMemoryStore();
  final Ledger ledger = store.ledger();
  Engine engine;
  HttpServer peer;
  final List<String> alerts = new CopyOnWriteArrayList<>();
  final AtomicInteger peerStatus = new AtomicInteger(200);

  @BeforeEach
  void setUp() throws IOException {
    engine = Engine.builder(store).clock(clock).build();
    engine.register(
        Blueprint.builder("work")
            .start("do")
            .dispatch("do", TaskSpec.of("rare", Map.of()), Map.of("success", "finished"))
            .build());
    peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    peer.createContext(
        "/alerts",
        exchange -> {
          alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(peerStatus.get(), -1);
          exchange.close();
        });
    peer.start();
  }

  @AfterEach
  void tearDown() {
    peer.stop(0);
  }

  ControlLoop.Builder loop() {
    return ControlLoop.builder(engine, ledger)
        .clock(clock)
        .alertWebhook(
            URI.create("http://127.0.0.1:" + peer.getAddress().getPort() + "/alerts"),
            Duration.ofSeconds(5));
  }

  List<LedgerEntry> entries(String type) {
    return ledger.read(LedgerQuery.oldest(100).type(type)).entries();
  }

  @Test
  void aJobStuckPastItsDeadlineIsQuarantinedAndTheLedgerExplainsWhy() {
    Job job = engine.createJob(NewJob.of("work", Map.of()));
    ControlLoop loop = loop().build();
    assertThat(loop.runOnce().outcomes()).isEmpty();
    assertThat(entries("orchestrator.cycle_idle")).hasSize(1);

    clock.advance(Duration.ofMinutes(61));
    Map<?, ?> jobs = (Map<?, ?>) loop.snapshot().get("jobs");
    assertThat(jobs.get("oldest_age_minutes_by_status"))
        .isEqualTo(Map.of("waiting_for_worker", 61.0));
    assertThat(jobs.get("stuck")).isEqualTo(1L);
    // A worker is alive, only not for this task type: degraded, not critical.
    engine.registerWorker(Map.of("worker_id", "other", "supported_tasks", List.of("common")));
    Cycle cycle = loop.runOnce();

    assertThat(cycle.outcomes()).hasSize(1);
    assertThat(cycle.outcomes().getFirst().succeeded()).isTrue();
    assertThat(engine.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.QUARANTINED);
    LedgerEntry action = entries("orchestrator.action_executed").getFirst();
    assertThat(action.details())
        .containsEntry("rule", "quarantine_stuck_jobs")
        .containsEntry("priority", 8L)
        .containsEntry("action", "quarantine_stuck_jobs")
        .containsEntry(
            "reads",
            Map.of(
                "jobs.stuck",
                1L,
                "jobs.stuck_ids",
                List.of(job.id()),
                "jobs.stuck_after_minutes",
                60L))
        .containsEntry("result", Map.of("quarantined", List.of(job.id()), "skipped", List.of()));
    assertThat(entries("orchestrator.cycle_completed").getFirst().details())
        .containsEntry("health_score", 70L)
        .containsEntry("actions", List.of("quarantine_stuck_jobs"));
    assertThat(ledger.read(LedgerQuery.newest(1).jobId(job.id())).entries().getFirst().type())
        .isEqualTo("job.quarantined");
    // The next cycle finds nothing stuck: the action fixed what it was for.
    assertThat(loop.runOnce().outcomes()).isEmpty();
  }

  @Test
  void theTasksOfADeadWorkerGoBackToTheQueue() throws Exception {
    Duration ttl = engine.options().workerTtl();
    engine.registerWorker(Map.of("worker_id", "dead", "supported_tasks", List.of("rare")));
    Job job = engine.createJob(NewJob.of("work", Map.of()));
    clock.advance(ttl.multipliedBy(4).dividedBy(10));
    Task held = engine.poll("dead", 1, Duration.ZERO).getFirst();
    clock.advance(ttl.multipliedBy(6).dividedBy(10).plusSeconds(1));

    Cycle cycle = loop().build().runOnce();

    assertThat(cycle.assessment().decisions())
        .extracting(Decision::rule)
        .containsExactly("requeue_dead_worker_tasks");
    assertThat(cycle.outcomes().getFirst().result())
        .isEqualTo(Map.of("released", Map.of("dead", 1L)));
    assertThat(engine.task(held.id()).orElseThrow().status()).isEqualTo(TaskStatus.EXPIRED);
    // Its attempt failed as a timeout would: a new attempt waits in the queue for another worker.
    assertThat(engine.tasks(job.id()))
        .extracting(Task::status)
        .containsExactly(TaskStatus.EXPIRED, TaskStatus.QUEUED);
  }

  @Test
  void aPluggedInSectionAndActionTakePartLikeBuiltInOnes() {
    List<Map<String, ?>> paused = new CopyOnWriteArrayList<>();
    ControlLoop loop =
        loop()
            .source(
                SnapshotSource.of(
                    "schedules",
                    now ->
                        Map.of("failing", List.of(Map.of("name", "nightly", "failures_1h", 5L)))))
            .action(
                LoopAction.of(
                    "pause_schedule",
                    r -> {
                      paused.add(r.params());
                      return Map.of("paused", r.text("name", ""));
                    }))
            .build();
    Cycle cycle = loop.runOnce();
    assertThat(paused).hasSize(1);
    assertThat(paused.getFirst().get("name")).isEqualTo("nightly");
    assertThat(cycle.snapshot()).containsKey("schedules");
    assertThat(entries("orchestrator.action_executed").getFirst().details())
        .containsEntry("item", Map.of("name", "nightly", "failures_1h", 5L))
        .containsEntry("result", Map.of("paused", "nightly"));
  }

  @Test
  void anActionNoOneProvidesFailsAsUnknownAndCountsAsALedgerError() {
    ControlLoop loop =
        loop()
            .source(
                SnapshotSource.of(
                    "schedules",
                    now -> Map.of("failing", List.of(Map.of("name", "x", "failures_1h", 3L)))))
            .build();
    Cycle cycle = loop.runOnce();
    assertThat(cycle.outcomes().getFirst().error())
        .isEqualTo("Unknown action type: pause_schedule");
    LedgerEntry failed = entries("orchestrator.action_failed").getFirst();
    assertThat(failed.severity()).isEqualTo(Severity.ERROR);
    assertThat(failed.details()).containsEntry("error", "Unknown action type: pause_schedule");
    Map<String, Object> snapshot = loop.snapshot();
    assertThat(snapshot.get("ledger")).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) snapshot.get("ledger")).get("errors_1h")).isEqualTo(1L);
    assertThat(((Map<?, ?>) snapshot.get("system")).get("health_score")).isEqualTo(95L);
  }

  @Test
  void aCriticalHealthAlertsTheWebhookOnceUntilItsCooldownEnds() {
    // Fifty jobs wait for a worker type that no one serves: saturated, and nobody alive.
    for (int i = 0; i < 51; i++) {
      engine.createJob(NewJob.of("work", Map.of()));
    }
    clock.advance(Duration.ofMinutes(31)); // waiting long: -15
    ControlLoop loop = loop().build();
    Cycle first = loop.runOnce();
    assertThat(first.assessment().system()).containsEntry("status", "critical");
    assertThat(first.outcomes())
        .extracting(o -> o.decision().rule())
        .containsExactly("alert_on_critical_health");
    assertThat(alerts).hasSize(1);
    assertThat(alerts.getFirst()).contains("\"event\":\"baton.alert\"").contains("critical");

    clock.advance(Duration.ofSeconds(10));
    Cycle held = loop.runOnce();
    assertThat(held.outcomes()).isEmpty();
    assertThat(held.assessment().coolingDown()).containsExactly("alert_on_critical_health");

    clock.advance(Duration.ofMinutes(5));
    peerStatus.set(503);
    Cycle again = loop.runOnce();
    assertThat(alerts).hasSize(2);
    assertThat(again.outcomes().getFirst().error()).contains("answered 503");
    assertThat(entries("orchestrator.action_failed")).hasSize(1);
  }

  @Test
  void aRuleThatFailsOnTheSnapshotIsRecordedAndTheOthersStillRun() {
    String rules =
        """
        rules:
          - name: broken
            when: "jobs.total / 0 > 1"
            action: alert
            priority: 5
          - name: always
            action: alert
            priority: 1
            params: {message: "'hello'"}
        """;
    Cycle cycle = loop().rules("test.yaml", rules).build().runOnce();
    assertThat(cycle.outcomes()).extracting(o -> o.decision().rule()).containsExactly("always");
    assertThat(entries("orchestrator.rule_failed").getFirst().details())
        .containsEntry("rule", "broken")
        .hasEntrySatisfying("error", e -> assertThat((String) e).contains("by zero"));
  }

  @Test
  void theTimerRunsCyclesUntilDisabledAndBothAreInTheLedger() {
    ControlLoop loop = loop().interval(Duration.ofMillis(20)).build();
    assertThat(loop.running()).isFalse();
    assertThat(loop.enable("api")).isEqualTo("started");
    assertThat(loop.enable("api")).isEqualTo("already_running");
    assertThat(loop.running()).isTrue();
    await().until(() -> ledger.count(LedgerQuery.newest(1).type("orchestrator.cycle_*")) >= 3);
    assertThat(loop.disable("api")).isEqualTo("stopped");
    assertThat(loop.disable("api")).isEqualTo("not_running");
    long cycles = ledger.count(LedgerQuery.newest(1).type("orchestrator.cycle_*"));
    assertThat(entries("admin.orchestrator_enabled"))
        .extracting(LedgerEntry::source)
        .containsExactly("api");
    assertThat(entries("admin.orchestrator_disabled")).hasSize(1);
    assertThat(ledger.count(LedgerQuery.newest(1).type("orchestrator.cycle_*"))).isEqualTo(cycles);
    loop.close();
  }
}
