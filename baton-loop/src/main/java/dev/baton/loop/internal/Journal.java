package dev.baton.loop.internal;

import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.Severity;
import dev.baton.loop.Cycle;
import dev.baton.loop.Decision;
import dev.baton.loop.Outcome;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop's entries in the ledger: one per action (with everything that explains it), one per
 * cycle, and the failures. A ledger that cannot be written is logged, never the end of a cycle.
 */
public final class Journal {
  private static final Logger log = LoggerFactory.getLogger(Journal.class);

  /** Where entries go: the ledger, or a commit fenced by the loop's lease on a cluster. */
  @FunctionalInterface
  public interface Sink {
    /** Appends the entry; false when it was refused (this node no longer leads the loop). */
    boolean append(LedgerEntry entry);
  }

  private final Sink sink;
  private final Clock clock;

  public Journal(Ledger ledger, Clock clock) {
    this(
        e -> {
          ledger.append(e);
          return true;
        },
        clock);
  }

  public Journal(Sink sink, Clock clock) {
    this.sink = sink;
    this.clock = clock;
  }

  /** {@code orchestrator.action_executed} or {@code orchestrator.action_failed} (an error). */
  public void action(long cycle, Outcome o) {
    Decision d = o.decision();
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("cycle", cycle);
    details.put("rule", d.rule());
    details.put("priority", (long) d.priority());
    details.put("action", d.action());
    details.put("reason", d.reason());
    details.put("params", d.params());
    details.put("reads", d.reads());
    if (d.item() != null) {
      details.put("item", d.item());
    }
    if (o.succeeded()) {
      details.put("result", o.result());
    } else {
      details.put("error", o.error());
    }
    append(
        o.succeeded() ? "orchestrator.action_executed" : "orchestrator.action_failed",
        "orchestrator",
        o.succeeded() ? Severity.INFO : Severity.ERROR,
        details);
  }

  /**
   * {@code orchestrator.cycle_completed}, or {@code orchestrator.cycle_idle} when no action was
   * chosen.
   */
  public void cycle(Cycle c, String trigger, long millis, Map<String, Long> sectionMillis) {
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("cycle", c.number());
    details.put("trigger", trigger);
    Map<String, @Nullable Object> system = c.assessment().system();
    details.put("health_score", system.get("health_score"));
    details.put("status", system.get("status"));
    details.put("recommendations", system.get("recommendations"));
    details.put("deductions", system.get("deductions"));
    details.put("total_actions", (long) c.outcomes().size());
    details.put("success_count", c.successCount());
    details.put("error_count", c.outcomes().size() - c.successCount());
    details.put("actions", c.outcomes().stream().map(o -> o.decision().action()).toList());
    details.put("cooling_down", c.assessment().coolingDown());
    details.put("duration_ms", millis);
    details.put("section_ms", sectionMillis);
    append(
        c.outcomes().isEmpty() ? "orchestrator.cycle_idle" : "orchestrator.cycle_completed",
        "orchestrator",
        Severity.INFO,
        details);
  }

  /** {@code orchestrator.rule_failed}: a rule's expression failed on the snapshot. */
  public void ruleFailed(long cycle, String rule, String error) {
    append(
        "orchestrator.rule_failed",
        "orchestrator",
        Severity.ERROR,
        of(cycle, "rule", rule, "error", error));
  }

  /** {@code orchestrator.cycle_error}: the cycle itself failed. */
  public void cycleFailed(long cycle, String trigger, String error) {
    append(
        "orchestrator.cycle_error",
        "orchestrator",
        Severity.ERROR,
        of(cycle, "trigger", trigger, "error", error));
  }

  /** {@code admin.orchestrator_enabled} and the like, with who asked as the source. */
  public void admin(String type, String by, Map<String, ?> details) {
    append(type, by, Severity.INFO, details);
  }

  private void append(String type, String source, Severity severity, Map<String, ?> details) {
    try {
      if (!sink.append(LedgerEntry.of(clock.instant(), type, source, severity, null, details))) {
        log.warn("{} not written: this node no longer leads the control loop", type);
      }
    } catch (RuntimeException e) {
      log.error("could not write {} to the ledger", type, e);
    }
  }

  private static Map<String, Object> of(long cycle, String k1, String v1, String k2, String v2) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("cycle", cycle);
    d.put(k1, v1);
    d.put(k2, v2);
    return d;
  }
}
