package dev.baton.server.metrics;

import dev.baton.engine.Engine;
import dev.baton.job.JobStatus;
import dev.baton.store.QueueDepth;
import dev.baton.worker.Worker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Gauges read from the store: jobs by status and workers (Avtomatika's {@code baton_jobs} and
 * {@code baton_workers}), and the task queue by task type and priority. One read of the store
 * serves every gauge of a scrape: the snapshot is taken again before each scrape, and otherwise (a
 * push registry reading the gauges) when it is older than {@link #REUSE}.
 *
 * <p>Under failure: a store that cannot be read makes the scrape fail (500) rather than report
 * stale numbers as current.
 */
final class EngineGauges {
  static final Duration REUSE = Duration.ofSeconds(1);

  /** Bounds the queue's series; priorities are client input. */
  static final int MAX_QUEUE_SERIES = 500;

  private final Engine engine;
  private final MultiGauge depth;
  private final MultiGauge oldest;
  private volatile Snapshot snapshot;

  EngineGauges(Engine engine, MeterRegistry registry) {
    this.engine = engine;
    for (JobStatus s : JobStatus.values()) {
      Gauge.builder("baton.jobs", () -> snapshot().jobs().getOrDefault(s, 0L))
          .description("Jobs in the store, by status.")
          .tag("status", s.wireName())
          .register(registry);
    }
    workers(registry, "alive", Snapshot::alive);
    workers(registry, "total", Snapshot::total);
    workers(registry, "expired", s -> s.total() - s.alive());
    depth =
        MultiGauge.builder("baton.queue.depth")
            .description("Queued tasks a worker could take now, by task type and priority.")
            .register(registry);
    oldest =
        MultiGauge.builder("baton.queue.oldest.age")
            .description(
                "How long the longest-waiting takeable task has waited, by task type and"
                    + " priority.")
            .baseUnit("seconds")
            .register(registry);
    this.snapshot = read();
  }

  private void workers(
      MeterRegistry registry, String state, java.util.function.ToLongFunction<Snapshot> value) {
    Gauge.builder("baton.workers", () -> value.applyAsLong(snapshot()))
        .description(
            "Workers: alive (heard from within their time to live), total (every known worker)"
                + " and expired (known but silent past their time to live).")
        .tag("state", state)
        .register(registry);
  }

  /** Reads the store again and resets the queue's series to what it holds now. */
  void refresh() {
    Snapshot s = read();
    snapshot = s;
    List<QueueDepth> rows = s.queue().stream().limit(MAX_QUEUE_SERIES).toList();
    depth.register(rows.stream().map(q -> MultiGauge.Row.of(tags(q), q.queued())).toList(), true);
    oldest.register(
        rows.stream()
            .map(q ->
                MultiGauge.Row.of(
                    tags(q), Duration.between(q.oldestVisibleAt(), s.at()).toMillis() / 1000.0))
            .toList(),
        true);
  }

  private static Tags tags(QueueDepth q) {
    return Tags.of("task_type", q.taskType(), "priority", Integer.toString(q.priority()));
  }

  private Snapshot snapshot() {
    Snapshot s = snapshot;
    if (System.nanoTime() - s.readAt() > REUSE.toNanos()) {
      refresh();
      s = snapshot;
    }
    return s;
  }

  private Snapshot read() {
    Instant now = engine.clock().instant();
    List<Worker> workers = engine.workers();
    long alive = workers.stream().filter(w -> w.isAlive(now)).count();
    return new Snapshot(
        System.nanoTime(), now, engine.countJobs(), alive, workers.size(), engine.queueDepths(now));
  }

  private record Snapshot(
      long readAt,
      Instant at,
      Map<JobStatus, Long> jobs,
      long alive,
      long total,
      List<QueueDepth> queue) {}
}
