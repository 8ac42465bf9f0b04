package dev.baton.engine.internal;

import dev.baton.job.Task;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling workers when tasks were committed in this process or announced by another, and
 * keeps the queue's news in {@link ReadyTasks} first, so a woken poller knows whether a claim is
 * worth making. A generation counter closes the race between "found nothing" and "start waiting": a
 * poller passes the generation it saw before it looked, and does not wait when it has moved on
 * since.
 */
public final class TaskSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ReadyTasks ready;
  private long generation;

  public TaskSignal(Duration recheck) {
    this.ready = new ReadyTasks(recheck);
  }

  public ReadyTasks ready() {
    return ready;
  }

  /** Tasks this process committed to the queue: counted, then waiters woken. */
  public void queued(List<Task> tasks) {
    ready.queued(tasks);
    signal(tasks.size());
  }

  /** Another process queued {@code tasks} tasks of types it did not name. */
  public void queuedElsewhere(int tasks) {
    ready.unknown();
    signal(tasks);
  }

  public long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiter (shutdown). */
  public void signal() {
    signal(Integer.MAX_VALUE);
  }

  /**
   * Wakes at most {@code tasks} waiters: each woken poller claims through the store's single
   * writer, and a claim that finds nothing costs as much as one that finds something. Waiters not
   * woken look again after their recheck interval, so none is left behind for long.
   */
  public void signal(int tasks) {
    lock.lock();
    try {
      generation++;
      if (tasks == Integer.MAX_VALUE) {
        changed.signalAll();
      } else {
        for (int i = 0; i < tasks; i++) {
          changed.signal();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the generation moves past {@code seen} or the time is up. */
  public void await(long seen, Duration max) throws InterruptedException {
    long nanos = max.toNanos();
    lock.lock();
    try {
      while (generation == seen && nanos > 0) {
        nanos = changed.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }
}
