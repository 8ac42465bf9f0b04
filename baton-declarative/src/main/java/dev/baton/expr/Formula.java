package dev.baton.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled expression over named variables, made by {@link OpenExpressions}. Knows which values
 * it reads ({@link #reads()}), so that a decision taken on it can be explained. Immutable.
 */
public final class Formula {
  private final String what;
  private final String source;
  private final CelRuntime.Program program;
  private final List<String> reads;

  Formula(String what, String source, CelRuntime.Program program, List<String> reads) {
    this.what = what;
    this.source = source;
    this.program = program;
    this.reads = List.copyOf(reads);
  }

  public String source() {
    return source;
  }

  /**
   * The dotted paths of the variables' fields the expression reads, in order of first appearance:
   * {@code jobs.pending}, {@code system.status}; a whole variable when it is read whole.
   */
  public List<String> reads() {
    return reads;
  }

  /**
   * Evaluates a condition. A key missing from a map makes it false (as a blueprint condition).
   *
   * @throws ExpressionException when the evaluation fails for another reason
   */
  public boolean test(Map<String, ?> variables) {
    Object result;
    try {
      result = run(variables);
    } catch (CelEvaluationException e) {
      if (Expression.isMissingKey(e)) {
        return false;
      }
      throw ExpressionException.evaluation(what, source, Expression.reason(e));
    }
    if (result instanceof Boolean b) {
      return b;
    }
    throw ExpressionException.evaluation(
        what, source, "it gave " + result + " instead of true or false");
  }

  /**
   * Evaluates a value: null, Long, Double, Boolean, String, List or Map (string keys).
   *
   * @throws ExpressionException when the evaluation fails, for example on a missing key
   */
  public @Nullable Object evaluate(Map<String, ?> variables) {
    try {
      return Values.fromCel(run(variables));
    } catch (CelEvaluationException e) {
      throw ExpressionException.evaluation(what, source, Expression.reason(e));
    }
  }

  private Object run(Map<String, ?> variables) throws CelEvaluationException {
    Map<String, Object> bound = new HashMap<>();
    variables.forEach((k, v) -> bound.put(k, Values.toCel(v)));
    Object result = program.eval(bound);
    if (result instanceof CelUnknownSet) {
      throw new CelEvaluationException("the expression refers to a value that is not known");
    }
    return result;
  }

  @Override
  public String toString() {
    return source;
  }
}
