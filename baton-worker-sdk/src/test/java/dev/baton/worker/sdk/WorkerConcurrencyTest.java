package dev.baton.worker.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerConcurrencyTest {

  @Test
  void neverRunsOrTakesMoreTasksThanTheConcurrency() throws Exception {
    AtomicInteger current = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    try (FakeOrchestrator fake = new FakeOrchestrator();
        Worker worker =
            TestWorkers.fast(fake, "w1")
                .concurrency(3)
                .pollers(6)
                .handle(
                    "t",
                    (task, ctx) -> {
                      max.accumulateAndGet(current.incrementAndGet(), Math::max);
                      try {
                        gate.await();
                      } finally {
                        current.decrementAndGet();
                      }
                      return TaskResult.success();
                    })
                .build()) {
      for (int i = 0; i < 10; i++) {
        fake.enqueue("t" + i, "t", Map.of());
      }
      worker.start();

      await().until(() -> current.get() == 3);
      // Full: no poll may be open, so the other seven tasks stay with the orchestrator.
      await()
          .during(Duration.ofMillis(300))
          .until(() -> fake.tasks.size() == 7 && fake.openPolls.get() == 0);
      assertThat(worker.load()).isEqualTo(3);
      await()
          .until(() ->
              fake.heartbeats.stream()
                  .anyMatch(h ->
                      h.get("load").equals(3)
                          && h.get("status").equals("busy")
                          && h.get("running_tasks") instanceof java.util.List<?> l
                          && l.size() == 3));

      gate.countDown();
      await().until(() -> fake.results.size() == 10);
      assertThat(max).hasValue(3);
    }
  }
}
