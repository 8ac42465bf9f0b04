package dev.baton.engine;

import dev.baton.job.RetryPolicy;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** An engine on a manual clock with no jitter, and a worker to drive it. */
final class EngineFixture {
  final ManualClock clock = new ManualClock();
  final Store store = new InMemoryStore();
  final List<Task> cancelled = new ArrayList<>();
  final Engine engine;

  EngineFixture() {
    engine =
        Engine.builder(store)
            .clock(clock)
            .random(new Random(7))
            .workerChannel(cancelled::add)
            .options(
                EngineOptions.DEFAULTS.withRetry(
                    new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0)))
            .build();
  }

  void worker(String id, String... types) {
    engine.registerWorker(Map.of("worker_id", id, "supported_tasks", List.of(types)));
  }

  /** The next task for the worker, which must be there now. */
  Task take(String worker) throws InterruptedException {
    List<Task> got = engine.poll(worker, 1, Duration.ZERO);
    if (got.isEmpty()) {
      throw new AssertionError("worker " + worker + " found no task");
    }
    return got.get(0);
  }

  boolean nothingFor(String worker) throws InterruptedException {
    return engine.poll(worker, 1, Duration.ZERO).isEmpty();
  }

  Receipt succeed(Task t, Map<String, Object> data) {
    return engine.complete(t.id(), t.workerId(), TaskResult.success(data));
  }
}
