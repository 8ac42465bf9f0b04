package dev.baton.loop.internal;

import dev.baton.expr.Formula;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A rules file, compiled: how the snapshot is taken, how health is scored, and the decider's rules
 * in file order (which breaks ties of priority).
 *
 * @param warnings what is suspicious but allowed, e.g. an action no one registered (it fails with
 *     "Unknown action type" when chosen, as in Stakazo)
 */
public record RuleSet(
    String file,
    SnapshotSettings snapshot,
    Health health,
    List<Rule> rules,
    List<String> warnings) {

  /**
   * Thresholds of the built-in sections. A {@code stuckAfterMinutes} of 0 counts every active job
   * as stuck: for trying rules out, never for production.
   */
  public record SnapshotSettings(int stuckAfterMinutes, int queueSaturatedAbove) {
    public static final SnapshotSettings DEFAULTS = new SnapshotSettings(60, 50);
  }

  /**
   * The health score: {@code start} minus every deduction whose condition holds, floored at 0;
   * healthy at or above {@code healthyAt}, degraded at or above {@code degradedAt}, else critical.
   */
  public record Health(
      int start,
      int healthyAt,
      int degradedAt,
      List<Deduction> deductions,
      List<Advice> recommendations) {}

  public record Deduction(String name, @Nullable Formula when, Value points) {}

  public record Advice(@Nullable Formula when, String text) {}

  /**
   * One row of the decider's table. With {@code forEach}, the rule is evaluated once per item of
   * the list it gives, with the item as the variable {@code item}.
   */
  public record Rule(
      String name,
      @Nullable Formula forEach,
      @Nullable Formula when,
      String action,
      int priority,
      String reason,
      Map<String, Value> params,
      Duration cooldown) {}
}
