package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.Task;
import dev.baton.worker.sdk.TaskContext;
import java.util.function.Consumer;

/**
 * One task on its handler thread. Exactly one party settles it, and so reports its result: the
 * handler thread when it ends, or the shutdown path when it hands the task back. Interrupts happen
 * only before settling, so they can never abort the result post itself.
 */
final class RunningTask implements TaskContext {
  private final Task task;
  private final ProgressSink progress;
  private final Thread thread;
  private volatile boolean cancelled;
  private boolean settled;

  RunningTask(Task task, ProgressSink progress, Consumer<RunningTask> body) {
    this.task = task;
    this.progress = progress;
    this.thread =
        Thread.ofVirtual().name("baton-task-" + task.taskId()).unstarted(() -> body.accept(this));
  }

  Task task() {
    return task;
  }

  void start() {
    thread.start();
  }

  @Override
  public void progress(double fraction, String message) {
    progress.send(task, fraction, message);
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  synchronized void cancel() {
    if (!settled) {
      // Flag first: a handler that throws on the interrupt must already count as cancelled.
      cancelled = true;
      thread.interrupt();
    }
  }

  /** Claims the right to report; false if someone else already did. */
  synchronized boolean settle() {
    if (settled) {
      return false;
    }
    settled = true;
    return true;
  }

  /** Claims the task for the shutdown path and interrupts the handler, which is now ignored. */
  synchronized boolean handBack() {
    if (!settle()) {
      return false;
    }
    thread.interrupt();
    return true;
  }
}
