package dev.baton.expr;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled CEL expression that gives a value. Immutable and thread-safe. Made by {@link
 * Expressions#value(String, Expressions.Scope)}.
 */
public final class Expression {
  private final String source;
  private final CelRuntime.Program program;
  private final Expressions.Scope scope;

  Expression(String source, CelRuntime.Program program, Expressions.Scope scope) {
    this.source = source;
    this.program = program;
    this.scope = scope;
  }

  /** The expression as written. */
  public String source() {
    return source;
  }

  public Expressions.Scope scope() {
    return scope;
  }

  /**
   * Evaluates the expression. Variables it declares but {@code variables} lacks are empty maps
   * ({@code item} is null, {@code index} 0); {@code context} is built from the others when absent.
   * Pass {@link Expressions#variables(dev.baton.blueprint.JobContext)} to evaluate many expressions
   * against one job without converting its data each time.
   *
   * @return null, Long, Double, Boolean, String, List or Map (string keys)
   * @throws ExpressionException when the evaluation fails, for example on a missing key
   */
  public @Nullable Object evaluate(Map<String, ?> variables) {
    try {
      return Values.fromCel(run(variables));
    } catch (CelEvaluationException e) {
      throw failure(e);
    }
  }

  ExpressionException failure(CelEvaluationException e) {
    return ExpressionException.evaluation("expression", source, reason(e));
  }

  static String reason(CelEvaluationException e) {
    String m = String.valueOf(e.getMessage());
    // "evaluation error at <input>:12: key 'x' is not present in map." -> the part after the offset
    int at = m.indexOf("<input>:");
    if (at >= 0) {
      int colon = m.indexOf(": ", at);
      if (colon > 0) {
        m = m.substring(colon + 2);
      }
    }
    return m.isBlank() && e.getCause() != null ? e.getCause().toString() : m;
  }

  static boolean isMissingKey(CelEvaluationException e) {
    return e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND;
  }

  /** Runs the program; the raw CEL result. */
  Object run(Map<String, ?> variables) throws CelEvaluationException {
    Object result = program.eval(Bindings.bind(variables, scope));
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
