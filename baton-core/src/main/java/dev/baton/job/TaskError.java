package dev.baton.job;

/**
 * Why a task failed: its class and a message for people.
 *
 * @param timedOut the task ran past its deadline; a dispatching state's {@code timeout} transition
 *     takes it once its retries are used up (decided by this flag, never by the message)
 */
public record TaskError(ErrorCode code, String message, boolean timedOut) {
  /** The message of a task that ran past its deadline, as workers and clients see it. */
  public static final String TIMED_OUT = "Worker task timed out.";

  public TaskError(ErrorCode code, String message) {
    this(code, message, false);
  }

  public static TaskError transientError(String message) {
    return new TaskError(ErrorCode.TRANSIENT_ERROR, message);
  }

  /** A task that ran past its deadline: transient, so its retries are used first. */
  public static TaskError timeout() {
    return new TaskError(ErrorCode.TRANSIENT_ERROR, TIMED_OUT, true);
  }
}
