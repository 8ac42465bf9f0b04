package dev.baton.fleet;

import dev.baton.job.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The dispatcher's view of the queue: the next queued robot tasks, read in one store call and kept
 * until they are handed out, so one read feeds many rounds (a completion frees one slot, and
 * reading 256 queued tasks to fill it cost more than the job). Read again when:
 *
 * <ul>
 *   <li>fewer are left than wanted, or than a quarter of the window, and the last read did not hold
 *       the whole queue (when it held fewer than the window, the window is the queue);
 *   <li>it was told new work may be queued ({@link #stale()}: a job changed, another process queued
 *       tasks, a robot registered);
 *   <li>the robots now free take a type it was not read for;
 *   <li>it is older than {@code maxAge} (a task queued without word, or due only now, is seen
 *       within that).
 * </ul>
 *
 * A task in the window may have been taken meanwhile (by a worker, another node, a cancel): its
 * claim fails, and {@link #gone} drops it. Only {@link #stale()} may be called from any thread; the
 * rest is the dispatcher's, one round at a time.
 */
final class QueueWindow {
  /** The store's queued tasks of these types, in queue order, at most {@code limit}. */
  @FunctionalInterface
  interface Queue {
    List<Task> queued(Set<String> types, Instant now, int limit);
  }

  private final Queue queue;
  private final int size;
  private final Duration maxAge;
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private Set<String> readFor = Set.of();
  private @Nullable Instant readAt;
  private volatile boolean stale = true; // set from any thread
  private boolean whole;
  private long reads;

  QueueWindow(Queue queue, int size, Duration maxAge) {
    if (size < 1) {
      throw new IllegalArgumentException("the window must hold at least 1 task, was " + size);
    }
    this.queue = queue;
    this.size = size;
    this.maxAge = maxAge;
  }

  /**
   * The queued tasks of the window in queue order, read again first when it must be.
   *
   * @param types the task types the free robots take
   * @param wanted how many tasks the free robots could take
   */
  List<Task> tasks(Set<String> types, Instant now, int wanted) {
    if (mustRead(types, now, wanted)) {
      stale = false; // before the read: work queued while it runs marks the window again
      tasks.clear();
      for (Task t : queue.queued(types, now, size)) {
        tasks.put(t.id(), t);
      }
      whole = tasks.size() < size;
      readFor = Set.copyOf(types);
      readAt = now;
      reads++;
    }
    return List.copyOf(tasks.values());
  }

  private boolean mustRead(Set<String> types, Instant now, int wanted) {
    Instant at = readAt;
    return stale
        || at == null
        || (!whole && tasks.size() < Math.max(wanted, Math.max(1, size / 4)))
        || !readFor.containsAll(types)
        || !at.plus(maxAge).isAfter(now);
  }

  /** New work may be queued: the next {@link #tasks} reads the store. */
  void stale() {
    stale = true;
  }

  /** These tasks were handed out, or could not be claimed: they leave the window. */
  void gone(Collection<String> taskIds) {
    taskIds.forEach(tasks::remove);
  }

  /** How often the store was read (for tests). */
  long reads() {
    return reads;
  }
}
