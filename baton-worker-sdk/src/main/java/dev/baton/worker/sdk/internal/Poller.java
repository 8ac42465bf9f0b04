package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.Task;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-poll loop. It takes a permit before polling, so a poll is only ever open when the worker
 * has room for the task it may bring back. Stops when interrupted.
 */
public final class Poller implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Poller.class);

  private final WorkerClient client;
  private final TaskRunner runner;
  private final Semaphore permits;
  private final BooleanSupplier closing;
  private final Backoff backoff;

  public Poller(
      WorkerConfig config,
      WorkerClient client,
      TaskRunner runner,
      Semaphore permits,
      BooleanSupplier closing) {
    this.client = client;
    this.runner = runner;
    this.permits = permits;
    this.closing = closing;
    this.backoff = config.newBackoff();
  }

  @Override
  public void run() {
    try {
      while (!closing.getAsBoolean()) {
        permits.acquire();
        if (!pollOnce()) {
          backoff.pause();
        }
      }
    } catch (InterruptedException e) {
      log.debug("Poller stopped");
    }
  }

  /** Polls holding one permit; returns false after an error. */
  private boolean pollOnce() throws InterruptedException {
    Optional<Task> task;
    try {
      task = client.nextTask();
    } catch (IOException | IllegalArgumentException e) {
      permits.release();
      log.warn("Polling for tasks failed, backing off: {}", e.toString());
      return false;
    } catch (InterruptedException e) {
      permits.release();
      throw e;
    }
    backoff.reset();
    if (task.isEmpty()) {
      permits.release();
    } else if (closing.getAsBoolean()) {
      // Clear the close-time interrupt, or the hand-back post would abort at once.
      Thread.interrupted();
      runner.reject(task.get());
    } else {
      runner.run(task.get());
    }
    return true;
  }
}
