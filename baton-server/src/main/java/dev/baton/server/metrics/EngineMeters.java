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

  private EngineMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the engine's meters and gauges on {@code meters} and starts observing the engine. */
  public static void bind(Engine engine, Meters meters) {
    EngineMeters m = new EngineMeters(meters.registry());
    engine.addObserver(m);
    EngineGauges gauges = new EngineGauges(engine, meters.registry());
    meters.beforeScrape(gauges::refresh);
  }

  @Override
  public void jobMoved(Job job, @Nullable JobStatus from, JobStatus to) {
    String version = Integer.toString(job.blueprintVersion());
    if (from == null) {
      counter("baton.jobs.accepted", "Jobs created (accepted), by blueprint and version.")
          .tags("blueprint", job.blueprint(), "version", version)
          .register(registry)
          .increment();
    }
    if (to.isTerminal() || to == JobStatus.QUARANTINED) {
      counter(
              "baton.jobs.ended",
              "Jobs that ended (finished, failed, cancelled) or were quarantined, by blueprint,"
                  + " version and status.")
          .tags("blueprint", job.blueprint(), "version", version, "status", to.wireName())
          .register(registry)
          .increment();
    }
  }

  @Override
  public void taskLeased(Task task, Instant at) {
    counter("baton.tasks.dispatched", "Tasks leased to workers, by task type.")
        .tag("task_type", task.type())
        .register(registry)
        .increment();
    Instant waitingSince =
        task.visibleAt().isAfter(task.createdAt()) ? task.visibleAt() : task.createdAt();
    timer("baton.task.queue.wait", "How long tasks waited in the queue before a worker took them.")
        .tag("task_type", task.type())
        .register(registry)
        .record(nonNegative(Duration.between(waitingSince, at)));
    if (leasedAt.size() < MAX_TRACKED) {
      leasedAt.put(task.id(), at);
    }
  }

  @Override
  public void taskEnded(Task task, TaskStatus to, Instant at) {
    String outcome = to.wireName();
    counter("baton.tasks.completed", "Tasks that ended, by task type and outcome.")
        .tags("task_type", task.type(), "outcome", outcome)
        .register(registry)
        .increment();
    Instant leased = leasedAt.remove(task.id());
    if (leased != null) {
      timer("baton.task.run", "How long tasks ran, from their lease to their end.")
          .tags("task_type", task.type(), "outcome", outcome)
          .register(registry)
          .record(nonNegative(Duration.between(leased, at)));
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
    counter(
            "baton.leases.expired",
            "Leases that ran out (their worker went silent or died), by task type.")
        .tag("task_type", task.type())
        .register(registry)
        .increment();
  }

  @Override
  public void scheduleRan(Schedule schedule, ScheduleRun run) {
    counter("baton.schedule.fires", "Schedule fires, by outcome (started, skipped, queued...).")
        .tag("outcome", run.outcome().wireName())
        .register(registry)
        .increment();
    timer("baton.schedule.lateness", "How late schedule fires were handled after their instant.")
        .register(registry)
        .record(nonNegative(Duration.between(run.fireAt(), run.firedAt())));
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

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
