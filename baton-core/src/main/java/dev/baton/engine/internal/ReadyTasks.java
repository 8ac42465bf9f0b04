package dev.baton.engine.internal;

import dev.baton.job.Task;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this process knows of the queue, so that a long-poll does not claim when its claim could
 * only find nothing. A claim is a write through the store's single writer, and one that finds
 * nothing costs about as much as one that finds a task; with a few pollers per worker most claims
 * over HTTP found nothing.
 *
 * <p>It counts, per task type, the tasks for any worker this process queued and no claim here has
 * taken, and remembers when each worker last found nothing. A worker that found nothing does not
 * claim again until a task of one of its types is counted, a task placed on some worker is queued
 * (it may be this one's), another process announces tasks ({@link #unknown}), or the recheck
 * interval has passed. Tasks no one announces (a delay that ran out, a lease handed back or
 * expired, a process that could not notify) are found then, as a waiting long-poll's recheck found
 * them before: the gate saves claims and adds no wait a poll did not have.
 */
public final class ReadyTasks {
  /** Past this many entries a map is forgotten (all unknown again): a bound, not a policy. */
  private static final int MAX_ENTRIES = 10_000;

  /** {@link #reserve}'s answer when a claim could only find nothing. */
  public static final int SKIP = -1;

  private final long recheckMillis;
  // All guarded by this.
  private final Map<String, Long> queued = new HashMap<>(); // per type, tasks for any worker
  private final Map<String, Empty> empty = new HashMap<>(); // per worker, its last empty claim
  private long version; // moves with whatever is queued or announced
  private long placed; // moves with each task queued for one worker

  /** A worker's claim that found nothing: when, and how many placed tasks had been queued then. */
  private record Empty(long atMillis, long placed) {}

  public ReadyTasks(Duration recheck) {
    this.recheckMillis = recheck.toMillis();
  }

  /** Taken before a claim and handed to {@link #claimed}, which learns nothing if it moved. */
  public synchronized long version() {
    return version;
  }

  /** Tasks this process committed to the queue. */
  public synchronized void queued(List<Task> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    version++;
    for (Task t : tasks) {
      if (t.workerId() != null) {
        placed++;
      } else {
        bounded(queued).merge(t.type(), 1L, Long::sum);
      }
    }
  }

  /** Another process queued tasks it did not describe: every worker looks again. */
  public synchronized void unknown() {
    version++;
    empty.clear();
  }

  /**
   * Before {@code worker}'s claim of up to {@code asked} tasks of {@code taskTypes} at {@code
   * nowMillis}: {@link #SKIP} when it could only find nothing, else how many counted tasks it takes
   * off the count for itself (0 when it claims on no count: a look after the recheck interval, or
   * one by a worker not seen empty). Taking them off at once keeps the other pollers from claiming
   * the same task while this claim is on its way to the store.
   */
  public synchronized int reserve(
      String worker, Collection<String> taskTypes, int asked, long nowMillis) {
    int reserved = 0;
    for (String type : taskTypes) {
      Long n = queued.get(type);
      if (n == null || reserved >= asked) {
        continue;
      }
      long take = Math.min(n, asked - reserved);
      reserved += (int) take;
      if (take == n) {
        queued.remove(type);
      } else {
        queued.put(type, n - take);
      }
    }
    if (reserved > 0) {
      return reserved;
    }
    Empty last = empty.get(worker);
    boolean stale =
        last == null || nowMillis - last.atMillis() >= recheckMillis || last.placed() != placed;
    return stale ? 0 : SKIP;
  }

  /**
   * What that claim took. The reserved tasks are used up whatever it got: one it did not get was
   * taken by another claim. Tasks past the reservation count off their types. A short claim shows
   * the worker found nothing more; and, unless something was queued while it ran (its snapshot may
   * predate that task), that no counted task of its types is left for anyone. A full claim of
   * counted tasks keeps what the worker was last seen as: what is queued here next is counted.
   */
  public synchronized void claimed(
      String worker,
      Collection<String> taskTypes,
      int asked,
      int reserved,
      List<Task> got,
      long versionBefore,
      long nowMillis) {
    for (Task t : got.subList(Math.min(reserved, got.size()), got.size())) {
      queued.computeIfPresent(t.type(), (type, n) -> n > 1 ? n - 1 : null);
    }
    if (got.size() >= asked) {
      if (got.size() > reserved) {
        empty.remove(worker); // it found tasks no count knew of: there may be more of those
      }
      return;
    }
    if (version == versionBefore) {
      for (String type : taskTypes) {
        queued.remove(type);
      }
    }
    bounded(empty).put(worker, new Empty(nowMillis, placed));
  }

  private static <V> Map<String, V> bounded(Map<String, V> map) {
    if (map.size() >= MAX_ENTRIES) {
      map.clear();
    }
    return map;
  }
}
