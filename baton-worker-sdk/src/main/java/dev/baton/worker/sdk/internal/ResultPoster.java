package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.Task;
import dev.baton.worker.sdk.TaskResult;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a result at most {@code resultAttempts} times. Only 429, 5xx and I/O errors are retried:
 * a 404 or 409 means the orchestrator has moved on (the task was cancelled, timed out or
 * re-dispatched), and posting again can only be rejected again.
 */
public final class ResultPoster {
  private static final Logger log = LoggerFactory.getLogger(ResultPoster.class);

  private final WorkerConfig config;
  private final WorkerClient client;

  public ResultPoster(WorkerConfig config, WorkerClient client) {
    this.config = config;
    this.client = client;
  }

  /** Returns once the result is delivered, rejected or given up on; never throws. */
  public void post(Task task, TaskResult result) {
    post(task, result, null);
  }

  /** Like {@link #post(Task, TaskResult)}, with the handler's trace context (null: none). */
  public void post(Task task, TaskResult result, @Nullable String traceparent) {
    String body = WireFormat.result(config.workerId(), task, result, traceparent);
    Backoff backoff = config.newBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        client.postResult(body);
        log.debug("Task {} result {} delivered", task.taskId(), result.status());
        return;
      } catch (HttpStatusException e) {
        if (e.status() == 404 || e.status() == 409) {
          log.info(
              "Task {} result dropped, orchestrator no longer expects it: {}",
              task.taskId(),
              e.getMessage());
          return;
        }
        if (!e.retryable() || attempt >= config.resultAttempts()) {
          log.error("Task {} result {} lost: {}", task.taskId(), result.status(), e.getMessage());
          return;
        }
        log.warn(
            "Task {} result not delivered (attempt {}): {}",
            task.taskId(),
            attempt,
            e.getMessage());
      } catch (IOException e) {
        if (attempt >= config.resultAttempts()) {
          log.error("Task {} result {} lost: {}", task.taskId(), result.status(), e.toString());
          return;
        }
        log.warn(
            "Task {} result not delivered (attempt {}): {}", task.taskId(), attempt, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("Task {} result {} abandoned: interrupted", task.taskId(), result.status());
        return;
      }
      try {
        backoff.pause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("Task {} result {} abandoned: interrupted", task.taskId(), result.status());
        return;
      }
    }
  }
}
