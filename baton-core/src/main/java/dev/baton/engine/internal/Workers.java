package dev.baton.engine.internal;

import dev.baton.engine.BatonException;
import dev.baton.engine.EngineOptions;
import dev.baton.job.Task;
import dev.baton.store.JobStore;
import dev.baton.store.TaskClaim;
import dev.baton.store.WorkerStore;
import dev.baton.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The workers as the engine sees them: registration, heartbeats, liveness, and the long-poll that
 * leases tasks to them. A worker's leases live as long as the worker does: every sign of life
 * extends both.
 */
public final class Workers {
  private static final Duration READ_REUSE = Duration.ofSeconds(2);

  private final WorkerStore registry;
  private final JobStore leases;
  private final Clock clock;
  private final EngineOptions options;
  private final TaskSignal signal;
  private final Observers observers;
  private final TypeGate gate;
  private final Consumer<Task> handBack;
  private final ConcurrentHashMap<String, Seen> recent = new ConcurrentHashMap<>();

  public Workers(
      WorkerStore registry,
      JobStore leases,
      Clock clock,
      EngineOptions options,
      TaskSignal signal,
      Observers observers,
      TypeGate gate,
      Consumer<Task> handBack) {
    this.registry = registry;
    this.gate = gate;
    this.handBack = handBack;
    this.leases = leases;
    this.observers = observers;
    this.clock = clock;
    this.options = options;
    this.signal = signal;
  }

  /**
   * Registers (or re-registers) a worker from its description, stored as sent with a {@code
   * reputation} of 1.0 when it gives none (as Avtomatika 1.0b7 stores it).
   */
  public Worker register(Map<String, Object> sent) {
    if (!(sent.get("worker_id") instanceof String id) || id.isBlank()) {
      throw BatonException.invalid("Missing required field: worker_id");
    }
    Map<String, Object> description = new LinkedHashMap<>(sent);
    description.putIfAbsent("reputation", 1.0);
    Instant now = clock.instant();
    Instant registered = registry.worker(id).map(Worker::registeredAt).orElse(now);
    Worker w =
        new Worker(
            id,
            Worker.taskTypesOf(description),
            description,
            registered,
            now,
            now.plus(options.workerTtl()));
    registry.putWorker(w);
    leases.renewLeases(id, now.plus(options.workerTtl()));
    remember(w);
    return w;
  }

  /** A heartbeat: keeps the worker alive, extends its leases, merges what it reports. */
  public Worker heartbeat(String workerId, Map<String, Object> patch) {
    Worker known =
        registry.worker(workerId).orElseThrow(() -> BatonException.notFound("Worker not found"));
    Instant now = clock.instant();
    Map<String, Object> changes = new LinkedHashMap<>(patch);
    changes.remove("worker_id"); // a heartbeat cannot rename the worker it is for
    Worker w = known.seen(changes, now, now.plus(options.workerTtl()));
    registry.putWorker(w);
    leases.renewLeases(workerId, now.plus(options.workerTtl()));
    remember(w);
    return w;
  }

  /**
   * The tasks a dead worker still holds.
   *
   * @throws BatonException NOT_FOUND for an unknown worker, CONFLICT for a worker still alive
   */
  public List<Task> heldByDead(String workerId) {
    Worker w =
        registry.worker(workerId).orElseThrow(() -> BatonException.notFound("Worker not found"));
    if (w.expiresAt().isAfter(clock.instant())) {
      throw BatonException.conflict(
          "worker " + workerId + " is alive until " + w.expiresAt() + "; its tasks stay with it");
    }
    return leases.leasedTo(workerId);
  }

  /**
   * Long-poll: leases up to {@code max} tasks to the worker, waiting up to {@code wait} for one to
   * appear. Returns an empty list when none came in time.
   */
  public List<Task> poll(String workerId, int max, Duration wait) throws InterruptedException {
    Worker w = recentWorker(workerId);
    keepAlive(w);
    long deadline = System.nanoTime() + wait.toNanos();
    ReadyTasks ready = signal.ready();
    // A limited type's claim is narrowed by its room and rate, so a short one says nothing of the
    // queue: those polls claim as they always did.
    boolean gated = !gate.limitsAny(w.taskTypes());
    while (true) {
      long seen = signal.generation();
      long version = ready.version();
      Instant now = clock.instant();
      int reserved = gated ? ready.reserve(workerId, w.taskTypes(), max, clock.millis()) : 0;
      List<Task> got;
      if (reserved == ReadyTasks.SKIP) {
        got = List.of();
      } else {
        got =
            gate.claim(
                new TaskClaim(workerId, w.taskTypes(), max, now, now.plus(options.workerTtl())),
                leases::claim,
                handBack);
        if (gated) {
          ready.claimed(workerId, w.taskTypes(), max, reserved, got, version, clock.millis());
        }
      }
      for (Task t : got) {
        observers.tell(o -> o.taskLeased(t, now));
      }
      long left = deadline - System.nanoTime();
      if (!got.isEmpty() || left <= 0) {
        return got;
      }
      signal.await(seen, Duration.ofNanos(Math.min(left, options.pollRecheck().toNanos())));
    }
  }

  /**
   * The worker as read at most {@link #READ_REUSE} ago. A worker long-polls all the time; reading
   * it from the store on every poll costs a query for what changes only on registration and
   * heartbeats (which refresh this copy in this process; another node's are seen in time).
   */
  private Worker recentWorker(String workerId) {
    long now = System.nanoTime();
    Seen seen = recent.get(workerId);
    if (seen != null && now - seen.readAt() < READ_REUSE.toNanos()) {
      return seen.worker();
    }
    Worker w =
        registry.worker(workerId).orElseThrow(() -> BatonException.notFound("Worker not found"));
    remember(w);
    return w;
  }

  private void remember(Worker w) {
    if (recent.size() > 10_000) {
      recent.clear(); // a bound, not a policy: the next polls read again
    }
    recent.put(w.id(), new Seen(w, System.nanoTime()));
  }

  private record Seen(Worker worker, long readAt) {}

  /**
   * A poll proves the worker is alive. Writing that down on every poll would cost a commit per
   * request, so it is refreshed only once half of its time to live has gone.
   */
  private void keepAlive(Worker w) {
    Instant now = clock.instant();
    if (Duration.between(now, w.expiresAt()).compareTo(options.workerTtl().dividedBy(2)) < 0) {
      Worker alive = w.seen(Map.of(), now, now.plus(options.workerTtl()));
      registry.putWorker(alive);
      leases.renewLeases(w.id(), now.plus(options.workerTtl()));
      remember(alive);
    }
  }
}
