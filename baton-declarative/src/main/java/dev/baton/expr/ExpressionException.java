package dev.baton.expr;

/**
 * An expression that does not compile, or whose evaluation failed. The message names the expression
 * and carries CEL's explanation, for example {@code condition 'state_history.amount >' does not
 * compile: mismatched input '<EOF>' ... (at 1:21)}.
 */
public final class ExpressionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String reason;
  private final boolean compileError;

  ExpressionException(String message, String source, String reason, boolean compileError) {
    super(message);
    this.source = source;
    this.reason = reason;
    this.compileError = compileError;
  }

  static ExpressionException compile(String what, String source, String reason) {
    return new ExpressionException(
        what + " '" + source + "' does not compile: " + reason, source, reason, true);
  }

  static ExpressionException evaluation(String what, String source, String reason) {
    return new ExpressionException(
        what + " '" + source + "' failed: " + reason, source, reason, false);
  }

  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }

  /** The expression's text as written. */
  public String source() {
    return source;
  }

  /** CEL's explanation, without the expression. */
  public String reason() {
    return reason;
  }

  /** True when the expression does not compile; false when an evaluation failed. */
  public boolean isCompileError() {
    return compileError;
  }
}
