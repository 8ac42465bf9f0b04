package dev.baton.engine;

import dev.baton.job.Task;

/**
 * Pushes commands to connected workers (a port: the server implements it over WebSocket). A worker
 * that is not connected misses the command; its result for the task is then refused, because the
 * task was cancelled.
 */
public interface WorkerChannel {
  WorkerChannel NONE = task -> {};

  void cancelTask(Task task);
}
