package dev.baton.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.Engine;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The truth of each built-in rule and health deduction, on crafted snapshots. */
class DefaultRulesTest {
  ControlLoop loop;

  @BeforeEach
  void setUp() {
    InMemoryStore store = new InMemoryStore();
    Engine engine = Engine.builder(store).clock(new ManualClock()).build();
    loop = ControlLoop.builder(engine, store.ledger()).build();
  }

  /** A quiet, healthy system; tests change what their rule reads. */
  static Map<String, Object> healthy() {
    Map<String, Object> s = new HashMap<>();
    s.put(
        "jobs",
        new HashMap<>(
            Map.of("stuck", 0L, "stuck_ids", List.of(), "stuck_after_minutes", 60L, "active", 3L)));
    s.put(
        "queue",
        new HashMap<>(
            Map.of(
                "depth", 2L, "oldest_wait_minutes", 1.5, "workers_alive", 2L, "saturated", false)));
    s.put(
        "workers",
        new HashMap<>(
            Map.of(
                "alive", 2L, "dead", 1L, "dead_holding_tasks", 0L, "dead_holding_ids", List.of())));
    s.put("failures", new HashMap<>(Map.of("jobs_1h", 0L)));
    s.put("ledger", new HashMap<>(Map.of("errors_1h", 0L, "has_errors", false)));
    return s;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> section(Map<String, Object> s, String name) {
    return (Map<String, Object>) s.get(name);
  }

  List<String> rules(Assessment a) {
    return a.decisions().stream().map(Decision::rule).toList();
  }

  @Test
  void aHealthySystemScoresFullAndNeedsNothing() {
    Assessment a = loop.assess(healthy());
    assertThat(a.system())
        .containsEntry("health_score", 100L)
        .containsEntry("status", "healthy")
        .containsEntry("requires_attention", false)
        .containsEntry("recommendations", List.of());
    assertThat(a.decisions()).isEmpty();
    assertThat(a.errors()).isEmpty();
  }

  @Test
  void stuckJobsAreQuarantinedWithTheIdsAndThresholdTheRuleRead() {
    Map<String, Object> s = healthy();
    section(s, "jobs").put("stuck", 2L);
    section(s, "jobs").put("stuck_ids", List.of("j1", "j2"));
    Assessment a = loop.assess(s);
    assertThat(rules(a)).containsExactly("quarantine_stuck_jobs");
    Decision d = a.decisions().getFirst();
    assertThat(d.action()).isEqualTo("quarantine_stuck_jobs");
    assertThat(d.priority()).isEqualTo(8);
    assertThat(d.params())
        .containsEntry("job_ids", List.of("j1", "j2"))
        .containsEntry("older_than_minutes", 60L)
        .containsEntry("reason", "no progress for 60 minutes");
    assertThat(d.reads())
        .containsEntry("jobs.stuck", 2L)
        .containsEntry("jobs.stuck_ids", List.of("j1", "j2"))
        .containsEntry("jobs.stuck_after_minutes", 60L);
    assertThat(a.system()).containsEntry("health_score", 85L);
    assertThat(a.system().get("recommendations")).isEqualTo(List.of("Look at stuck jobs"));
  }

  @Test
  void deadWorkersHoldingTasksHaveThemRequeued() {
    Map<String, Object> s = healthy();
    assertThat(rules(loop.assess(s))).doesNotContain("requeue_dead_worker_tasks"); // dead, idle
    section(s, "workers").put("dead_holding_tasks", 1L);
    section(s, "workers").put("dead_holding_ids", List.of("w9"));
    Assessment a = loop.assess(s);
    assertThat(rules(a)).containsExactly("requeue_dead_worker_tasks");
    assertThat(a.decisions().getFirst().params()).containsEntry("worker_ids", List.of("w9"));
    assertThat(a.decisions().getFirst().priority()).isEqualTo(9);
  }

  @Test
  void aScheduleFailingThreeTimesInAnHourIsPausedOthersAreNot() {
    Map<String, Object> s = healthy();
    assertThat(rules(loop.assess(s))).isEmpty(); // no scheduler wired: the rule waits
    s.put(
        "schedules",
        Map.of(
            "failing",
            List.of(
                Map.of("name", "nightly", "failures_1h", 3L),
                Map.of("name", "hourly", "failures_1h", 1L),
                Map.of("name", "reports", "failures_1h", 7L))));
    Assessment a = loop.assess(s);
    assertThat(a.decisions()).extracting(Decision::action).containsOnly("pause_schedule");
    assertThat(a.decisions())
        .extracting(d -> d.params().get("name"))
        .containsExactly("nightly", "reports");
    assertThat(a.decisions().getFirst().params())
        .containsEntry("reason", "failed 3 times in the last hour");
    assertThat(a.decisions().getFirst().reads()).containsKey("item.name");
  }

  @Test
  void aCriticalHealthRaisesAnAlertFirst() {
    Map<String, Object> s = healthy();
    section(s, "queue").put("saturated", true); // -20
    section(s, "queue").put("oldest_wait_minutes", 45.0); // -15
    section(s, "failures").put("jobs_1h", 4L); // -10
    section(s, "ledger").put("errors_1h", 2L); // -10
    section(s, "ledger").put("has_errors", true);
    Assessment degraded = loop.assess(s);
    assertThat(degraded.system())
        .containsEntry("health_score", 45L)
        .containsEntry("status", "critical");
    assertThat(rules(degraded)).containsExactly("alert_on_critical_health");
    assertThat(degraded.decisions().getFirst().params().get("message"))
        .isEqualTo(
            "Baton health is critical (45/100): Scale job workers; Investigate failed jobs;"
                + " Review error logs");
    section(s, "ledger").put("errors_1h", 0L);
    section(s, "ledger").put("has_errors", false);
    Assessment notCritical = loop.assess(s); // 55: degraded, no alert
    assertThat(notCritical.system()).containsEntry("status", "degraded");
    assertThat(notCritical.decisions()).isEmpty();
  }

  @Test
  void waitingJobsWithNoWorkerAliveCostThirtyPoints() {
    Map<String, Object> s = healthy();
    section(s, "queue").put("workers_alive", 0L);
    assertThat(loop.assess(s).system()).containsEntry("health_score", 70L);
    section(s, "queue").put("depth", 0L);
    assertThat(loop.assess(s).system()).containsEntry("health_score", 100L);
  }

  @Test
  void theScoreIsFlooredAtZeroAndActionsComeInPriorityOrder() {
    Map<String, Object> s = healthy();
    section(s, "ledger").put("errors_1h", 40L);
    section(s, "jobs").put("stuck", 1L);
    section(s, "jobs").put("stuck_ids", List.of("j"));
    section(s, "workers").put("dead_holding_tasks", 1L);
    section(s, "workers").put("dead_holding_ids", List.of("w"));
    Assessment a = loop.assess(s);
    assertThat(a.system()).containsEntry("health_score", 0L);
    assertThat(rules(a))
        .containsExactly(
            "alert_on_critical_health", "requeue_dead_worker_tasks", "quarantine_stuck_jobs");
  }
}
