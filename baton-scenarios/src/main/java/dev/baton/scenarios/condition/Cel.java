package dev.baton.scenarios.condition;

import dev.baton.expr.CelCondition;
import dev.baton.expr.ExpressionException;
import dev.baton.expr.Expressions;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Baton's {@code expression}: CEL over the snapshot, seen as {@code data} and as {@code context};
 * {@code {"expression": "..."}} or {@code {"expression": {"expr": "..."}}}. Compiled once, at
 * parse.
 */
record Cel(String source, CelCondition compiled) implements Condition {

  static Condition parse(
      @Nullable Object body, String here, Expressions cel, List<String> problems) {
    String source =
        body instanceof String text
            ? text
            : body instanceof Map<?, ?> m && m.get("expr") instanceof String text ? text : null;
    if (source == null) {
      problems.add(here + " needs the expression text: {\"expression\": {\"expr\": \"...\"}}");
      return Condition.ALWAYS;
    }
    try {
      return new Cel(source, cel.condition(source));
    } catch (ExpressionException e) {
      problems.add(here + ": " + e.getMessage());
      return Condition.ALWAYS;
    }
  }

  @Override
  public boolean test(Situation s, Databases databases) {
    try {
      return compiled.test(Map.of("data", s.snapshot(), "context", s.snapshot()));
    } catch (ExpressionException e) {
      throw new ConditionException(String.valueOf(e.getMessage()));
    }
  }
}
