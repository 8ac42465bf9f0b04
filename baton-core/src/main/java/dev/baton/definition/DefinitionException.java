package dev.baton.definition;

/**
 * A definition request the store refuses: the name or version does not exist, a move the lifecycle
 * does not allow, or a value that is not valid. Nothing was written.
 */
public final class DefinitionException extends RuntimeException {
  /** Why, so that an adapter can pick its answer (404, 409, 400). */
  public enum Reason {
    NOT_FOUND,
    CONFLICT,
    INVALID
  }

  private final Reason reason;

  private DefinitionException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static DefinitionException notFound(String message) {
    return new DefinitionException(Reason.NOT_FOUND, message);
  }

  public static DefinitionException conflict(String message) {
    return new DefinitionException(Reason.CONFLICT, message);
  }

  public static DefinitionException invalid(String message) {
    return new DefinitionException(Reason.INVALID, message);
  }
}
