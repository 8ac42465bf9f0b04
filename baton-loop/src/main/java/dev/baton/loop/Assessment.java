package dev.baton.loop;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The decider's view of one snapshot: the {@code system} section (health score, status,
 * recommendations), the decisions in execution order (priority descending, file order within a
 * priority), the rules held back by their cooldown, and rules whose evaluation failed.
 */
public record Assessment(
    Map<String, @Nullable Object> system,
    List<Decision> decisions,
    List<String> coolingDown,
    List<RuleError> errors) {

  /** A rule or deduction whose expression failed on this snapshot; it took no part. */
  public record RuleError(String rule, String reason) {}
}
