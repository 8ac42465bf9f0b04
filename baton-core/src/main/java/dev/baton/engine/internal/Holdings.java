package dev.baton.engine.internal;

import dev.baton.engine.BatonException;
import dev.baton.engine.EngineOptions;
import dev.baton.engine.WorkerChannel;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.store.JobStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a worker says it holds: Baton's {@code running_tasks} extension on registration and
 * heartbeat (the Java worker SDK sends it; an Avtomatika worker does not, and then nothing here
 * happens). A task leased to the worker that it does not name is given back to the queue at once,
 * with no retry used up, instead of waiting for its deadline: its lease was taken by a poll whose
 * answer the worker never got (the server was killed mid-answer), or by a process of the worker
 * that is gone.
 *
 * <p>A lease a poll has just taken may be on its way to the worker while its heartbeat, which could
 * not name it yet, is on its way here. So a heartbeat gives back an unnamed task only when its
 * lease predates this engine (no answer of this process can be in flight for it), or when an
 * earlier heartbeat at least {@link #GRACE} ago did not name it either. A registration is a fresh
 * start of the worker, and gives back every task it does not name.
 *
 * <p>A task the worker names that was cancelled meanwhile is cancelled again through the worker
 * channel: the cancel may have been made on another node, whose channel could not reach a worker
 * connected here, so the worker hears of it within one heartbeat.
 */
public final class Holdings {
  private static final Logger log = LoggerFactory.getLogger(Holdings.class);

  /** The field of a registration or heartbeat that lists the worker's running task ids. */
  public static final String FIELD = "running_tasks";

  /** How long a task may go unnamed before a heartbeat gives it back (see the class comment). */
  public static final Duration GRACE = Duration.ofSeconds(2);

  private final JobStore store;
  private final Transactions tx;
  private final Leases leases;
  private final Clock clock;
  private final EngineOptions options;
  private final WorkerChannel channel;
  private final Instant startedAt;
  private final ConcurrentHashMap<String, Unnamed> unnamed = new ConcurrentHashMap<>();

  public Holdings(
      JobStore store,
      Transactions tx,
      Leases leases,
      Clock clock,
      EngineOptions options,
      WorkerChannel channel) {
    this.store = store;
    this.channel = channel;
    this.tx = tx;
    this.leases = leases;
    this.clock = clock;
    this.options = options;
    this.startedAt = clock.instant();
  }

  /** The task ids a report names, or null when it has no {@code running_tasks} list. */
  public static @Nullable Set<String> named(Map<String, Object> report) {
    if (!(report.get(FIELD) instanceof List<?> ids)) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object id : ids) {
      if (id instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  /** The report without the list: it says what runs now, and is not kept with the worker. */
  public static Map<String, Object> withoutList(Map<String, Object> report) {
    if (!report.containsKey(FIELD)) {
      return report;
    }
    Map<String, Object> rest = new LinkedHashMap<>(report);
    rest.remove(FIELD);
    return rest;
  }

  /** A (re-)registration: every task leased to the worker that it does not name goes back. */
  public int registered(String workerId, Set<String> named) {
    return giveBack(workerId, named, true);
  }

  /**
   * A heartbeat: an unnamed task goes back when its lease predates this engine or it was unnamed a
   * grace ago too. Must run before the heartbeat renews the worker's leases.
   */
  public int heartbeat(String workerId, Set<String> named) {
    return giveBack(workerId, named, false);
  }

  private int giveBack(String workerId, Set<String> named, boolean all) {
    Instant now = clock.instant();
    List<Task> held = store.leasedTo(workerId);
    Set<String> leased = new LinkedHashSet<>();
    int given = 0;
    for (Task t : held) {
      leased.add(t.id());
      if (named.contains(t.id())) {
        unnamed.remove(t.id());
        continue;
      }
      if (!all && !predatesEngine(t) && !unnamedSinceGrace(t, workerId, now)) {
        continue;
      }
      unnamed.remove(t.id());
      String reason =
          all
              ? "the worker registered again without it"
              : "the worker's heartbeat does not name it among its running tasks";
      try {
        tx.run(plan -> leases.giveBack(t.id(), workerId, reason, plan));
        given++;
      } catch (BatonException e) {
        // Completed or moved on meanwhile: the task is no longer this worker's to give back.
        log.debug("task {} of worker {} not given back: {}", t.id(), workerId, e.getMessage());
      }
    }
    // Forget what this worker no longer holds, so the map stays as small as the leases.
    unnamed
        .entrySet()
        .removeIf(e -> e.getValue().workerId().equals(workerId) && !leased.contains(e.getKey()));
    if (given > 0) {
      log.info("gave back {} task(s) that worker {} no longer holds", given, workerId);
    }
    for (String id : named) {
      if (!leased.contains(id)) {
        cancelIfCancelled(id, workerId);
      }
    }
    return given;
  }

  /** A task the worker runs but no longer holds: told again when it was cancelled. */
  private void cancelIfCancelled(String taskId, String workerId) {
    store
        .task(taskId)
        .filter(t -> t.status() == TaskStatus.CANCELLED && workerId.equals(t.workerId()))
        .ifPresent(channel::cancelTask);
  }

  /** A lease last taken or renewed before this engine started: no answer for it is in flight. */
  private boolean predatesEngine(Task t) {
    Instant until = t.leaseUntil();
    return until != null && until.minus(options.workerTtl()).isBefore(startedAt);
  }

  private boolean unnamedSinceGrace(Task t, String workerId, Instant now) {
    if (unnamed.size() > 100_000) {
      unnamed.clear(); // a bound, not a policy: the next heartbeats count again
    }
    Unnamed first = unnamed.putIfAbsent(t.id(), new Unnamed(workerId, now));
    return first != null && !first.since().plus(GRACE).isAfter(now);
  }

  private record Unnamed(String workerId, Instant since) {}
}
