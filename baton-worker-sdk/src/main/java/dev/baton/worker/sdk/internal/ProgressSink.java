package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.Task;

/** Where {@link dev.baton.worker.sdk.TaskContext#progress} goes; best effort, never throws. */
@FunctionalInterface
public interface ProgressSink {
  ProgressSink NONE = (task, fraction, message) -> {};

  void send(Task task, double fraction, String message);
}
