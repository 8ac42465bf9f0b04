package dev.baton.store.jdbc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The store writer's meters: queue depth, batch size, commit latency, failed group commits. */
class WriterMeters {
  static final WriterMeters NONE = new WriterMeters();

  void committed(int batchSize, long nanos) {}

  void failed() {}

  /** The writer's meters on {@code registry}. */
  static WriterMeters on(MeterRegistry registry, Writer writer) {
    Gauge.builder("baton.store.writer.queue", writer::queued)
        .description("Writes waiting for the store writer's next group commit.")
        .register(registry);
    DistributionSummary batches =
        DistributionSummary.builder("baton.store.writer.batch")
            .description("Writes per group commit.")
            .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 4096)
            .register(registry);
    Timer commits =
        Timer.builder("baton.store.writer.commit")
            .description("Group commit latency, from the first statement to the commit.")
            .serviceLevelObjectives(
                Duration.ofMillis(1),
                Duration.ofMillis(5),
                Duration.ofMillis(10),
                Duration.ofMillis(25),
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5))
            .register(registry);
    Counter failures =
        Counter.builder("baton.store.writer.failures")
            .description("Group commits that failed (each write is then tried alone).")
            .register(registry);
    return new WriterMeters() {
      @Override
      void committed(int batchSize, long nanos) {
        batches.record(batchSize);
        commits.record(nanos, TimeUnit.NANOSECONDS);
      }

      @Override
      void failed() {
        failures.increment();
      }
    };
  }
}
