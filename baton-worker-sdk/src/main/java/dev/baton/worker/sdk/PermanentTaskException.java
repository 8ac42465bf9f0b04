package dev.baton.worker.sdk;

/** Thrown by a handler to report {@link ErrorCode#PERMANENT_ERROR}: the job is quarantined. */
public class PermanentTaskException extends RuntimeException {

  public PermanentTaskException(String message) {
    super(message);
  }

  public PermanentTaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
