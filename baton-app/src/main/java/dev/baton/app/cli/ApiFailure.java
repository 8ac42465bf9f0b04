package dev.baton.app.cli;

/**
 * A request that did not get a successful answer: the server refused it (its message, exit code 1)
 * or could not be reached (a line naming the address and what to check, exit code 3). Printed as
 * one line, never as a stack trace.
 */
public final class ApiFailure extends RuntimeException {
  public static final int REFUSED = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;

  private final int exitCode;
  private final int status;

  private ApiFailure(String message, int exitCode, int status) {
    super(message, null, false, false);
    this.exitCode = exitCode;
    this.status = status;
  }

  static ApiFailure refused(int status, String message) {
    return new ApiFailure(message, REFUSED, status);
  }

  static ApiFailure unreachable(String message) {
    return new ApiFailure(message, UNREACHABLE, 0);
  }

  /**
   * Something the command itself refuses before or after asking (a bad file line, a failed job).
   */
  public static ApiFailure of(String message, int exitCode) {
    return new ApiFailure(message, exitCode, 0);
  }

  public int exitCode() {
    return exitCode;
  }

  /** The HTTP status the server answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }
}
