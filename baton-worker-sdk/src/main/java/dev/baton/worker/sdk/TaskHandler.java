package dev.baton.worker.sdk;

/**
 * Runs one task type. Called on its own virtual thread, so blocking is fine.
 *
 * <p>A thrown {@link PermanentTaskException} or {@link InvalidInputException} is reported as that
 * error; any other exception is reported as {@link ErrorCode#TRANSIENT_ERROR} with its message, so
 * the orchestrator retries the task. When the orchestrator cancels the task, the handler's thread
 * is interrupted; a handler that then ends with an exception is reported as {@code cancelled}.
 */
@FunctionalInterface
public interface TaskHandler {

  /** Runs {@code task}; the returned result is posted to the orchestrator. */
  TaskResult handle(Task task, TaskContext ctx) throws Exception;
}
