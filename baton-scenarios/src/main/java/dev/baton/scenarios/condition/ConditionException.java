package dev.baton.scenarios.condition;

/** A condition that cannot be evaluated: bad configuration or a database that refuses. */
public final class ConditionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConditionException(String message) {
    super(message);
  }
}
