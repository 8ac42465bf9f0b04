package dev.baton.blueprint;

import dev.baton.job.ErrorCode;

/**
 * Thrown by a state handler that knows retrying cannot help: {@link ErrorCode#INVALID_INPUT_ERROR}
 * fails the job at once and {@link ErrorCode#PERMANENT_ERROR} quarantines it at once, both
 * resumable from this state once the data is corrected. Any other exception from a handler is
 * retried with backoff (it may be a passing problem).
 */
public class StateFailure extends RuntimeException {
  private final ErrorCode code;

  public StateFailure(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public String reason() {
    String m = getMessage();
    return m == null ? code.name() : m;
  }
}
