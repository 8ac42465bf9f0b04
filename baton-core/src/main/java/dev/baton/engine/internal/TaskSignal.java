package dev.baton.engine.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes long-polling workers when tasks were committed in this process. A generation counter closes
 * the race between "found nothing" and "start waiting": a poller passes the generation it saw
 * before it looked, and does not wait when it has moved on since.
 */
public final class TaskSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long generation;

  public long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  public void signal() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
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
