package dev.baton.console.internal;

import dev.baton.console.view.LoopCycle;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The control loop's recent cycles read back from the ledger: one {@code orchestrator.cycle_*}
 * entry per cycle and one {@code orchestrator.action_*} entry per decision, written before its
 * cycle's entry. Cycle numbers start again at 1 when the server restarts, so a decision belongs to
 * the first cycle entry of its number written at or after it.
 */
final class LoopCycles {
  static final String CYCLES = "orchestrator.cycle_*";
  static final String ACTIONS = "orchestrator.action_*";
  static final String RULE_FAILED = "orchestrator.rule_failed";

  private final Ledger ledger;

  LoopCycles(Ledger ledger) {
    this.ledger = ledger;
  }

  /** The newest {@code n} cycles, newest first, each with its decisions. */
  List<LoopCycle> recent(int n) {
    List<LedgerEntry> cycles = ledger.read(LedgerQuery.newest(n + 1).type(CYCLES)).entries();
    // The cycle before the oldest shown bounds the decisions to read.
    LedgerEntry before = cycles.size() > n ? cycles.get(n) : null;
    List<LedgerEntry> shown = cycles.subList(0, Math.min(n, cycles.size()));
    Map<Long, List<LoopCycle.Decision>> bySeq = new LinkedHashMap<>();
    Map<Long, List<String>> errorsBySeq = new LinkedHashMap<>();
    if (!shown.isEmpty()) {
      for (LedgerEntry a : since(ACTIONS, before)) {
        LedgerEntry owner = owner(shown, a);
        if (owner != null) {
          bySeq.computeIfAbsent(owner.seq(), k -> new ArrayList<>()).add(decision(a));
        }
      }
      for (LedgerEntry f : since(RULE_FAILED, before)) {
        LedgerEntry owner = owner(shown, f);
        if (owner != null) {
          errorsBySeq
              .computeIfAbsent(owner.seq(), k -> new ArrayList<>())
              .add(text(f.details().get("rule")) + ": " + text(f.details().get("error")));
        }
      }
    }
    List<LoopCycle> out = new ArrayList<>();
    for (LedgerEntry c : shown) {
      List<LoopCycle.Decision> decisions = new ArrayList<>(bySeq.getOrDefault(c.seq(), List.of()));
      // The most urgent first, as the loop ran them.
      decisions.sort((x, y) -> Long.compare(y.priority(), x.priority()));
      out.add(cycle(c, decisions, errorsBySeq.getOrDefault(c.seq(), List.of())));
    }
    return out;
  }

  /** The oldest shown cycle entry of the action's number written at or after it. */
  private static @Nullable LedgerEntry owner(List<LedgerEntry> newestFirst, LedgerEntry action) {
    long number = number(action.details().get("cycle"));
    LedgerEntry found = null;
    for (LedgerEntry c : newestFirst) {
      if (c.seq() < action.seq()) {
        break;
      }
      if (number(c.details().get("cycle")) == number) {
        found = c;
      }
    }
    return found;
  }

  /** The newest entries of {@code type} written after {@code before} (all when null). */
  private List<LedgerEntry> since(String type, @Nullable LedgerEntry before) {
    LedgerQuery q =
        LedgerQuery.newest(LedgerQuery.MAX_LIMIT)
            .type(type)
            .between(before == null ? null : before.at(), null);
    return ledger.read(q).entries();
  }

  private static LoopCycle cycle(
      LedgerEntry c, List<LoopCycle.Decision> decisions, List<String> ruleErrors) {
    Map<String, @Nullable Object> d = c.details();
    String outcome =
        switch (c.type()) {
          case "orchestrator.cycle_completed" -> "completed";
          case "orchestrator.cycle_idle" -> "idle";
          default -> "error: " + text(d.get("error"));
        };
    Object ms = d.get("duration_ms");
    return new LoopCycle(
        number(d.get("cycle")),
        Show.time(c.at()),
        text(d.get("trigger")),
        text(d.get("health_score")),
        text(d.get("status")),
        ms == null ? "" : ms + " ms",
        outcome,
        decisions,
        ruleErrors);
  }

  @SuppressWarnings("unchecked")
  private static LoopCycle.Decision decision(LedgerEntry a) {
    Map<String, @Nullable Object> d = a.details();
    boolean failed = a.type().equals("orchestrator.action_failed");
    Object reads = d.get("reads");
    Object result = failed ? d.get("error") : d.get("result");
    return new LoopCycle.Decision(
        text(d.get("rule")),
        number(d.get("priority")),
        text(d.get("action")),
        text(d.get("reason")),
        reads instanceof Map<?, ?> m ? Show.details((Map<String, @Nullable Object>) m) : "",
        result instanceof Map<?, ?> m
            ? Show.details((Map<String, @Nullable Object>) m)
            : text(result),
        failed);
  }

  static long number(@Nullable Object v) {
    return v instanceof Number n ? n.longValue() : -1;
  }

  private static String text(@Nullable Object v) {
    return v == null ? "" : String.valueOf(v);
  }
}
