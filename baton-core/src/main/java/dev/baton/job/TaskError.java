package dev.baton.job;

/** Why a task failed: its class and a message for people. */
public record TaskError(ErrorCode code, String message) {
  public static TaskError transientError(String message) {
    return new TaskError(ErrorCode.TRANSIENT_ERROR, message);
  }
}
