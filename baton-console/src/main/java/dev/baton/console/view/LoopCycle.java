package dev.baton.console.view;

import java.util.List;

/**
 * One control cycle as the loop recorded it in the ledger.
 *
 * @param health the health score it computed, or empty (a cycle that failed)
 * @param outcome {@code completed}, {@code idle} (no rule fired) or {@code error: why}
 * @param decisions what the rules decided in it, most urgent first
 * @param ruleErrors each rule whose expression failed on the snapshot, {@code rule: why}
 */
public record LoopCycle(
    long number,
    String at,
    String trigger,
    String health,
    String status,
    String duration,
    String outcome,
    List<Decision> decisions,
    List<String> ruleErrors) {
  public LoopCycle {
    decisions = List.copyOf(decisions);
    ruleErrors = List.copyOf(ruleErrors);
  }

  /**
   * A rule that fired, and why.
   *
   * @param reads the snapshot values the rule read, {@code path=value}
   * @param result what its action answered, or its error
   */
  public record Decision(
      String rule,
      long priority,
      String action,
      String reason,
      String reads,
      String result,
      boolean failed) {}
}
