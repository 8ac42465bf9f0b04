package dev.baton.loop.internal;

import dev.baton.loop.Cycle;
import dev.baton.loop.Decision;
import dev.baton.loop.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The control loop's meters: cycle time by outcome, decisions by rule, actions run by action and
 * outcome (the built-in {@code quarantine_stuck_jobs} and {@code requeue_dead_worker_tasks} are how
 * stuck jobs get repaired), and the last cycle's health score. Rule and action names come from the
 * rules file, so the series are bounded by configuration; every one the rules can produce is
 * registered at once, so a rule that never fired shows 0 rather than nothing.
 */
public final class LoopMeters {
  /** A cycle takes milliseconds to a few seconds; an action (an alert's POST) up to its timeout. */
  private static final Duration[] CYCLE_BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
  };

  /** Counts nothing: a loop built without a registry. */
  public static final LoopMeters NONE = new LoopMeters(null, List.of());

  private final @Nullable MeterRegistry registry;
  private final AtomicReference<Double> health = new AtomicReference<>(Double.NaN);

  private LoopMeters(@Nullable MeterRegistry registry, List<RuleSet.Rule> rules) {
    this.registry = registry;
    if (registry == null) {
      return;
    }
    cycles(registry, "ok");
    cycles(registry, "failed");
    for (RuleSet.Rule r : rules) {
      decisions(registry, r.name());
      actions(registry, r.action(), "succeeded");
      actions(registry, r.action(), "failed");
    }
    Gauge.builder("baton.loop.health.score", health, AtomicReference::get)
        .description("The last control cycle's health score (0..100); NaN before the first.")
        .register(registry);
  }

  public static LoopMeters on(MeterRegistry registry, RuleSet rules) {
    return new LoopMeters(registry, rules.rules());
  }

  /** A cycle that ended: its time, its decisions, what its actions came to, its score. */
  public void cycle(Cycle c, long nanos) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    cycles(r, "ok").record(Duration.ofNanos(nanos));
    for (Decision d : c.assessment().decisions()) {
      decisions(r, d.rule()).increment();
    }
    for (Outcome o : c.outcomes()) {
      actions(r, o.decision().action(), o.succeeded() ? "succeeded" : "failed").increment();
    }
    if (c.assessment().system().get("health_score") instanceof Number score) {
      health.set(score.doubleValue());
    }
  }

  /** A cycle that failed as a whole (the store is down): its time only. */
  public void cycleFailed(long nanos) {
    MeterRegistry r = registry;
    if (r != null) {
      cycles(r, "failed").record(Duration.ofNanos(nanos));
    }
  }

  private static Timer cycles(MeterRegistry r, String outcome) {
    return Timer.builder("baton.loop.cycle")
        .description("Control cycle time: snapshot, decisions and actions.")
        .serviceLevelObjectives(CYCLE_BUCKETS)
        .tag("outcome", outcome)
        .register(r);
  }

  private static Counter decisions(MeterRegistry r, String rule) {
    return Counter.builder("baton.loop.decisions")
        .description("Decisions of the control loop's rules, by rule.")
        .tag("rule", rule)
        .register(r);
  }

  private static Counter actions(MeterRegistry r, String action, String outcome) {
    return Counter.builder("baton.loop.actions")
        .description("Actions the control loop ran, by action and outcome.")
        .tag("action", action)
        .tag("outcome", outcome)
        .register(r);
  }
}
