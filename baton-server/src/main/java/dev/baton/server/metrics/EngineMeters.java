package dev.baton.server.metrics;

import dev.baton.engine.Engine;
import dev.baton.engine.EngineObserver;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engine's meters, counted from what the engine tells its observers: jobs created and ended by
 * blueprint and version, tasks dispatched and completed by task type (with queue wait and run time
 * histograms), retries by error class, expired leases, schedule fires and their lateness. Gauges
 * read from the store are {@link EngineGauges}'.
 */
public final class EngineMeters implements EngineObserver {
  /** Bounds the leases remembered for run times; past it a task's run is counted, not timed. */
  static final int MAX_TRACKED = 100_000;

  private static final Duration[] TASK_BUCKETS = {
    Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500),
    Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
    Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)
  };

  private final MeterRegistry registry;
  private final Map<String, Instant> leasedAt = new ConcurrentHashMap<>();

  // The hot path (a lease, an end, a job created) finds its meter in a map by a key it already
  // has, instead of building tags and asking the registry each time: the registry's lookup builds
  // a Meter.Id, sorts the tags and takes a lock on a miss. Keys are bounded like the labels
  // (blueprints and versions, task types, outcomes).
  private final Map<Version, Counter> accepted = new ConcurrentHashMap<>();
  private final Map<EndKey, Counter> ended = new ConcurrentHashMap<>();
  private final Map<String, TaskMeters> byType = new ConcurrentHashMap<>();
  private final Map<OutcomeKey, Ended> taskEnds = new ConcurrentHashMap<>();

  private EngineMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Registers the engine's meters and gauges on {@code meters} and starts observing the engine;
   * call it before the engine starts, so that no early event is missed. Binding the same engine to
   * the same meters again does nothing.
   */
  public static void bind(Engine engine, Meters meters) {
    if (!meters.claim(engine)) {
      return;
    }
    EngineMeters m = new EngineMeters(meters.registry());
    engine.addObserver(m);
    EngineGauges gauges = new EngineGauges(engine, meters.registry());
    meters.beforeScrape(gauges::refresh);
  }

  private record Version(String blueprint, int version) {}

  private record EndKey(String blueprint, int version, JobStatus status) {}

  private record OutcomeKey(String taskType, TaskStatus outcome) {}

  /** A task type's meters that do not depend on the outcome. */
  private record TaskMeters(Counter dispatched, Timer queueWait, Counter expired) {}

  /** A task type's meters for one outcome. */
  private record Ended(Counter completed, Timer run) {}

  @Override
  public void jobMoved(Job job, @Nullable JobStatus from, JobStatus to) {
    if (from == null) {
      cached(
              accepted,
              new Version(job.blueprint(), job.blueprintVersion()),
              k ->
                  counter(
                          "baton.jobs.accepted",
                          "Jobs created (accepted), by blueprint and version.")
                      .tags("blueprint", k.blueprint(), "version", Integer.toString(k.version()))
                      .register(registry))
          .increment();
    }
    if (to.isTerminal() || to == JobStatus.QUARANTINED) {
      cached(
              ended,
              new EndKey(job.blueprint(), job.blueprintVersion(), to),
              k ->
                  counter(
                          "baton.jobs.ended",
                          "Jobs that ended (finished, failed, cancelled) or were quarantined, by"
                              + " blueprint, version and status.")
                      .tags(
                          "blueprint",
                          k.blueprint(),
                          "version",
                          Integer.toString(k.version()),
                          "status",
                          k.status().wireName())
                      .register(registry))
          .increment();
    }
  }

  /** A plain read first: no bin lock when the meter is there already, as it nearly always is. */
  private static <K, M> M cached(Map<K, M> map, K key, Function<K, M> make) {
    M m = map.get(key);
    return m != null ? m : map.computeIfAbsent(key, make);
  }

  private TaskMeters typeMeters(String taskType) {
    TaskMeters m = byType.get(taskType);
    return m != null ? m : byType.computeIfAbsent(taskType, this::newTypeMeters);
  }

  private TaskMeters newTypeMeters(String taskType) {
    return new TaskMeters(
        counter("baton.tasks.dispatched", "Tasks leased to workers and robots, by task type.")
            .tag("task_type", taskType)
            .register(registry),
        timer(
                "baton.task.queue.wait",
                "How long tasks waited in the queue before a worker took them.")
            .tag("task_type", taskType)
            .register(registry),
        counter(
                "baton.leases.expired",
                "Leases that ran out (their worker went silent or died), by task type.")
            .tag("task_type", taskType)
            .register(registry));
  }

  private Ended endMeters(String taskType, TaskStatus to) {
    OutcomeKey key = new OutcomeKey(taskType, to);
    Ended m = taskEnds.get(key);
    return m != null ? m : taskEnds.computeIfAbsent(key, this::newEndMeters);
  }

  private Ended newEndMeters(OutcomeKey k) {
    String outcome = k.outcome().wireName();
    return new Ended(
        counter("baton.tasks.completed", "Tasks that ended, by task type and outcome.")
            .tags("task_type", k.taskType(), "outcome", outcome)
            .register(registry),
        timer("baton.task.run", "How long tasks ran, from their lease to their end.")
            .tags("task_type", k.taskType(), "outcome", outcome)
            .register(registry));
  }

  @Override
  public void taskLeased(Task task, Instant at) {
    TaskMeters m = typeMeters(task.type());
    m.dispatched().increment();
    Instant waitingSince =
        task.visibleAt().isAfter(task.createdAt()) ? task.visibleAt() : task.createdAt();
    m.queueWait().record(nanosBetween(waitingSince, at), TimeUnit.NANOSECONDS);
    if (leasedAt.size() < MAX_TRACKED) {
      leasedAt.put(task.id(), at);
    }
  }

  @Override
  public void taskEnded(Task task, TaskStatus to, Instant at) {
    Ended m = endMeters(task.type(), to);
    m.completed().increment();
    Instant leased = leasedAt.remove(task.id());
    if (leased != null) {
      m.run().record(nanosBetween(leased, at), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void taskRetried(String taskType, ErrorCode error) {
    counter("baton.task.retries", "Failed task attempts tried again, by task type and error.")
        .tags("task_type", taskType, "error", error.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .increment();
  }

  @Override
  public void leaseExpired(Task task) {
    typeMeters(task.type()).expired().increment();
  }

  @Override
  public void scheduleRan(Schedule schedule, ScheduleRun run) {
    counter("baton.schedule.fires", "Schedule fires, by outcome (started, skipped, queued...).")
        .tag("outcome", run.outcome().wireName())
        .register(registry)
        .increment();
    timer("baton.schedule.lateness", "How late schedule fires were handled after their instant.")
        .register(registry)
        .record(nanosBetween(run.fireAt(), run.firedAt()), TimeUnit.NANOSECONDS);
  }

  @Override
  public void firesMissed(Schedule schedule) {
    counter(
            "baton.schedule.missed",
            "Scheduler passes in which a schedule's missed-fire policy dropped a due fire.")
        .register(registry)
        .increment();
  }

  private static Counter.Builder counter(String name, String help) {
    return Counter.builder(name).description(help);
  }

  private static Timer.Builder timer(String name, String help) {
    return Timer.builder(name).description(help).serviceLevelObjectives(TASK_BUCKETS);
  }

  /** Nanoseconds from {@code from} to {@code to}, 0 when {@code to} is earlier (a clock step). */
  private static long nanosBetween(Instant from, Instant to) {
    long seconds = to.getEpochSecond() - from.getEpochSecond();
    long nanos = seconds * 1_000_000_000L + (to.getNano() - from.getNano());
    return Math.max(0, nanos);
  }
}
