package dev.baton.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.Engine;
import dev.baton.loop.internal.Decider;
import dev.baton.store.InMemoryStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Stakazo decider table (shared/spec/stakazo.md §4.3) as the example rules file gives it: each
 * row's condition, action, params and priority on crafted Stakazo snapshots.
 */
class StakazoRulesTest {
  static final Path FILE = Path.of("../examples/loop/stakazo-rules.yaml");
  ControlLoop loop;

  @BeforeEach
  void setUp() {
    InMemoryStore store = new InMemoryStore();
    Engine engine = Engine.builder(store).build();
    ControlLoop.Builder b = ControlLoop.builder(engine, store.ledger()).rulesFile(FILE);
    for (String section : List.of("publish_logs", "scheduler", "campaigns", "clips")) {
      b.source(SnapshotSource.of(section, now -> Map.of()));
    }
    loop = b.build();
  }

  /** Nothing going on: inside no window, no failures, no clips. */
  static Map<String, Object> quiet() {
    Map<String, Object> s = new HashMap<>();
    s.put(
        "jobs",
        new HashMap<>(
            Map.of("pending", 0L, "oldest_pending_age_minutes", 0.0, "queue_saturated", false)));
    s.put(
        "publish_logs",
        new HashMap<>(
            Map.of(
                "pending", 0L,
                "failed", 0L,
                "published", 0L,
                "recent_failures_1h", 0L,
                "has_failures", false)));
    s.put(
        "scheduler",
        new HashMap<>(
            Map.of(
                "current_hour",
                10L,
                "windows",
                Map.of(
                    "instagram", Map.of("active", false, "start", 18L, "end", 23L),
                    "tiktok", Map.of("active", false, "start", 16L, "end", 24L)),
                "any_window_active",
                true,
                "scheduled_due_soon_1h",
                0L)));
    s.put("campaigns", new HashMap<>(Map.of("active_count", 0L, "campaigns", List.of())));
    s.put(
        "clips",
        new HashMap<>(
            Map.of(
                "avg_visual_score",
                60.0,
                "high_score_count_24h",
                0L,
                "has_high_score_clips",
                false)));
    s.put("ledger", new HashMap<>(Map.of("errors_1h", 0L, "has_errors", false)));
    return s;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> section(Map<String, Object> s, String name) {
    return (Map<String, Object>) s.get(name);
  }

  List<String> actions(Map<String, Object> s) {
    return loop.assess(s).decisions().stream().map(Decision::action).toList();
  }

  Decision only(Map<String, Object> s) {
    List<Decision> d = loop.assess(s).decisions();
    assertThat(d).hasSize(1);
    return d.getFirst();
  }

  @Test
  void aQuietSystemIsHealthyAndNeedsNoAction() {
    Assessment a = loop.assess(quiet());
    assertThat(a.system()).containsEntry("health_score", 100L).containsEntry("status", "healthy");
    assertThat(a.decisions()).isEmpty();
    assertThat(a.errors()).isEmpty();
    assertThat(Decider.summary(a).get("decision")).isEqualTo("no_action_needed");
  }

  @Test
  void recentFailuresAreRetriedAtEightAndTheRecommendationForcesARetry() {
    Map<String, Object> s = quiet();
    section(s, "publish_logs").put("has_failures", true);
    section(s, "publish_logs").put("recent_failures_1h", 2L);
    Assessment a = loop.assess(s);
    assertThat(a.system()).containsEntry("health_score", 90L);
    assertThat(a.system().get("recommendations"))
        .isEqualTo(List.of("Investigate publishing failures"));
    assertThat(a.decisions())
        .extracting(Decision::action, Decision::priority, Decision::params)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("retry_failed_log", 8, Map.of("max_retries", 3)),
            org.assertj.core.groups.Tuple.tuple("retry_failed_log", 8, Map.of("force", true)));
  }

  @Test
  void manyOldFailuresTriggerAReconciliation() {
    Map<String, Object> s = quiet();
    section(s, "publish_logs").put("has_failures", true);
    section(s, "publish_logs").put("failed", 6L);
    assertThat(actions(s)).containsExactly("retry_failed_log", "trigger_reconciliation");
    assertThat(loop.assess(s).decisions().get(1).params())
        .containsEntry("reason", "too_many_failures");
    section(s, "publish_logs").put("failed", 5L);
    assertThat(actions(s)).containsExactly("retry_failed_log"); // only the recommendation's
  }

  @Test
  void highScoreClipsArePromotedInAWindowAndScheduledOutsideOne() {
    Map<String, Object> s = quiet();
    section(s, "clips").put("has_high_score_clips", true);
    section(s, "clips").put("high_score_count_24h", 4L);
    Decision promote = only(s);
    assertThat(promote.action()).isEqualTo("promote_high_score_clip");
    assertThat(promote.priority()).isEqualTo(7);
    assertThat(promote.params())
        .containsEntry("min_visual_score", 80)
        .containsEntry("platform", "auto");
    section(s, "scheduler").put("any_window_active", false);
    Decision schedule = only(s);
    assertThat(schedule.action()).isEqualTo("schedule_clip");
    assertThat(schedule.priority()).isEqualTo(6);
    assertThat(schedule.params()).containsEntry("min_visual_score", 85);
    section(s, "clips").put("high_score_count_24h", 3L);
    assertThat(actions(s)).isEmpty();
  }

  @Test
  void aLowQualityTrendDowngradesAtThree() {
    Map<String, Object> s = quiet();
    section(s, "clips").put("avg_visual_score", 39.5);
    Decision d = only(s);
    assertThat(d.action()).isEqualTo("downgrade_low_score_clip");
    assertThat(d.priority()).isEqualTo(3);
    assertThat(d.params()).containsEntry("max_visual_score", 30);
  }

  @Test
  void aSaturatedQueueIsRebalancedAndOldPendingJobsForced() {
    Map<String, Object> s = quiet();
    section(s, "jobs").put("queue_saturated", true);
    section(s, "jobs").put("pending", 51L);
    section(s, "jobs").put("oldest_pending_age_minutes", 61.0);
    Assessment a = loop.assess(s);
    assertThat(a.system()).containsEntry("health_score", 65L);
    assertThat(a.decisions())
        .extracting(Decision::action, Decision::priority)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rebalance_queue", 9),
            org.assertj.core.groups.Tuple.tuple("force_publish", 8));
    assertThat(a.decisions().getFirst().params())
        .containsEntry("pending_count", 51L)
        .containsEntry("strategy", "priority");
    assertThat(a.decisions().getFirst().reads())
        .containsEntry("jobs.queue_saturated", true)
        .containsEntry("jobs.pending", 51L);
  }

  @Test
  void pendingPublicationsInAnActiveWindowAreForcedAtMostFive() {
    Map<String, Object> s = quiet();
    section(s, "publish_logs").put("pending", 9L);
    Decision d = only(s);
    assertThat(d.action()).isEqualTo("force_publish");
    assertThat(d.params()).containsEntry("reason", "active_window").containsEntry("limit", 5L);
    section(s, "publish_logs").put("pending", 2L);
    assertThat(only(s).params()).containsEntry("limit", 2L);
  }

  @Test
  void aWindowClosingWithinTheHourSchedulesForThatPlatform() {
    Map<String, Object> s = quiet();
    section(s, "scheduler").put("current_hour", 22L);
    section(s, "scheduler")
        .put(
            "windows",
            Map.of(
                "instagram", Map.of("active", true, "start", 18L, "end", 23L),
                "tiktok", Map.of("active", true, "start", 16L, "end", 24L),
                "youtube", Map.of("active", false, "start", 17L, "end", 22L)));
    assertThat(actions(s)).isEmpty(); // nothing due soon
    section(s, "scheduler").put("scheduled_due_soon_1h", 2L);
    Decision d = only(s);
    assertThat(d.action()).isEqualTo("schedule_clip");
    assertThat(d.priority()).isEqualTo(8);
    assertThat(d.params()).containsEntry("platform", "instagram").containsEntry("urgency", "high");
  }

  @Test
  void eachRichCampaignWithAClipIsScheduledAtNine() {
    Map<String, Object> s = quiet();
    section(s, "campaigns")
        .put(
            "campaigns",
            List.of(
                Map.of("id", "c1", "name", "big", "budget_cents", 20000L, "clip_id", "k1"),
                Map.of("id", "c2", "name", "small", "budget_cents", 5000L, "clip_id", "k2"),
                Map.of("id", "c3", "name", "no clip", "budget_cents", 90000L)));
    Decision d = only(s);
    assertThat(d.priority()).isEqualTo(9);
    assertThat(d.params())
        .containsEntry("clip_id", "k1")
        .containsEntry("campaign_id", "c1")
        .containsEntry("use_intelligence", true);
  }

  @Test
  void ledgerErrorsCostFivePointsEachAndMoreThanFiveReconcile() {
    Map<String, Object> s = quiet();
    section(s, "ledger").put("has_errors", true);
    section(s, "ledger").put("errors_1h", 6L);
    Assessment a = loop.assess(s);
    assertThat(a.system()).containsEntry("health_score", 70L);
    assertThat(a.decisions())
        .extracting(d -> d.params().get("reason"))
        .containsExactly("high_error_count", "error_investigation");
  }

  @Test
  void manyPublicationsGetAPeriodicCheck() {
    Map<String, Object> s = quiet();
    section(s, "publish_logs").put("published", 11L);
    Decision d = only(s);
    assertThat(d.params()).containsEntry("reason", "periodic_check");
    assertThat(d.priority()).isEqualTo(3);
  }

  @Test
  void aCriticalStateRebalancesInEmergencyFirstAndTheSummaryNamesIt() {
    Map<String, Object> s = quiet();
    section(s, "jobs").put("queue_saturated", true); // -20
    section(s, "jobs").put("oldest_pending_age_minutes", 45.0); // -15
    section(s, "ledger").put("errors_1h", 4L); // -20
    section(s, "ledger").put("has_errors", true);
    Assessment a = loop.assess(s);
    assertThat(a.system()).containsEntry("status", "critical").containsEntry("health_score", 45L);
    Decision first = a.decisions().getFirst();
    assertThat(first.action()).isEqualTo("rebalance_queue");
    assertThat(first.priority()).isEqualTo(10);
    assertThat(first.params()).containsEntry("emergency", true);
    Map<String, ?> summary = Decider.summary(a);
    assertThat(summary.get("decision")).isEqualTo("execute_actions");
    assertThat(summary.get("top_priority"))
        .isEqualTo(
            Map.of(
                "action_type",
                "rebalance_queue",
                "priority",
                10,
                "reason",
                "Critical system state"));
    assertThat(summary.get("action_counts"))
        .isEqualTo(Map.of("rebalance_queue", 2, "trigger_reconciliation", 1));
  }

  @Test
  void anActionNoOneProvidesFailsWithStakazosMessage() {
    Map<String, Object> s = quiet();
    section(s, "clips").put("avg_visual_score", 10.0);
    // Run a real cycle: the crafted clips section replaces the empty one.
    InMemoryStore store = new InMemoryStore();
    Engine engine = Engine.builder(store).build();
    ControlLoop real =
        ControlLoop.builder(engine, store.ledger())
            .rulesFile(FILE)
            .source(SnapshotSource.of("clips", now -> section(s, "clips")))
            .source(SnapshotSource.of("publish_logs", now -> section(s, "publish_logs")))
            .source(SnapshotSource.of("scheduler", now -> Map.of("any_window_active", true)))
            .source(SnapshotSource.of("campaigns", now -> Map.of("campaigns", List.of())))
            .build();
    Cycle c = real.runOnce();
    assertThat(c.outcomes()).hasSize(1);
    assertThat(c.outcomes().getFirst().view())
        .containsEntry("action_type", "downgrade_low_score_clip")
        .containsEntry("status", "error")
        .containsEntry("error", "Unknown action type: downgrade_low_score_clip");
  }
}
