package dev.baton.expr;

import dev.baton.blueprint.Condition;
import dev.baton.blueprint.JobContext;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * A compiled CEL condition. A missing key makes it false (see the {@linkplain dev.baton.expr
 * package documentation}); any other evaluation error throws {@link ExpressionException}. Immutable
 * and thread-safe. Made by {@link Expressions#condition(String)}.
 */
public final class CelCondition implements Condition {
  private final Expression expression;

  CelCondition(String source, CelRuntime.Program program, Expressions.Scope scope) {
    this.expression = new Expression(source, program, scope);
  }

  /** The condition as written. */
  public String source() {
    return expression.source();
  }

  @Override
  public boolean test(JobContext context) {
    return test(Expressions.variables(context));
  }

  /**
   * Evaluates the condition against variables by name ({@code initial_data}, {@code state_history},
   * ...).
   *
   * @throws ExpressionException when the evaluation fails for another reason than a missing key
   */
  public boolean test(Map<String, ?> variables) {
    Object result;
    try {
      result = expression.run(variables);
    } catch (CelEvaluationException e) {
      if (Expression.isMissingKey(e)) {
        return false;
      }
      throw ExpressionException.evaluation("condition", source(), Expression.reason(e));
    }
    if (result instanceof Boolean b) {
      return b;
    }
    throw ExpressionException.evaluation(
        "condition", source(), "it gave " + result + " instead of true or false");
  }

  @Override
  public String toString() {
    return source();
  }
}
