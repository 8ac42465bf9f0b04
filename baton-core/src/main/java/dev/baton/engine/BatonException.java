package dev.baton.engine;

/**
 * A request the engine refuses. The reason tells a face which status code to answer with; the
 * message says what is wrong and is shown to the caller as it is.
 */
public class BatonException extends RuntimeException {
  /** Why a request was refused. */
  public enum Reason {
    /** The request itself is wrong (400). */
    INVALID,
    /** Something it names does not exist (404). */
    NOT_FOUND,
    /** It does not fit the current state of what it names (409). */
    CONFLICT,
    /** The caller may not do this (403). */
    FORBIDDEN
  }

  private final Reason reason;

  public BatonException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static BatonException notFound(String message) {
    return new BatonException(Reason.NOT_FOUND, message);
  }

  public static BatonException conflict(String message) {
    return new BatonException(Reason.CONFLICT, message);
  }

  public static BatonException invalid(String message) {
    return new BatonException(Reason.INVALID, message);
  }
}
