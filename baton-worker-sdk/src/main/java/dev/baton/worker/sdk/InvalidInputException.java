package dev.baton.worker.sdk;

/** Thrown by a handler to report {@link ErrorCode#INVALID_INPUT_ERROR}: the job fails. */
public class InvalidInputException extends RuntimeException {

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
