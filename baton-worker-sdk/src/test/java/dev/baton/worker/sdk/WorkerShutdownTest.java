package dev.baton.worker.sdk;

import static dev.baton.worker.sdk.FakeOrchestrator.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerShutdownTest {
  private final FakeOrchestrator fake = new FakeOrchestrator();
  private final CountDownLatch started = new CountDownLatch(2);
  private final CountDownLatch release = new CountDownLatch(1);

  WorkerShutdownTest() throws Exception {}

  @AfterEach
  void tearDown() {
    release.countDown();
    fake.close();
  }

  @Test
  void closeLetsARunningTaskFinishAndReport() throws Exception {
    Worker worker =
        TestWorkers.fast(fake, "w1")
            .handle(
                "t",
                (task, ctx) -> {
                  started.countDown();
                  release.await();
                  return TaskResult.success(Map.of("done", true));
                })
            .build();
    fake.enqueue("t1", "t", Map.of());
    worker.start();
    await().until(() -> started.getCount() == 1);

    AtomicInteger resultsWhenClosed = new AtomicInteger(-1);
    CompletableFuture<Void> closing =
        CompletableFuture.runAsync(() -> {
          worker.close();
          resultsWhenClosed.set(fake.results.size());
        });
    // The close path marks the worker busy right before it starts draining.
    // (It names the task it still runs, so that Baton keeps that task's lease.)
    await()
        .until(() ->
            fake.heartbeats.contains(
                Map.of("load", 1, "status", "busy", "running_tasks", java.util.List.of("t1"))));
    assertThat(closing).isNotDone();

    release.countDown();
    closing.get(5, TimeUnit.SECONDS);
    assertThat(resultsWhenClosed).hasValue(1);
    assertThat(map(fake.results.getFirst().get("result")))
        .containsEntry("status", "success")
        .containsEntry("data", Map.of("done", true));
    int polls = fake.polls.get();
    await().during(Duration.ofMillis(200)).until(() -> fake.polls.get() == polls);
  }

  @Test
  void closeHandsBackTasksThatOutliveTheDrainTimeout() {
    CountDownLatch exited = new CountDownLatch(2);
    Worker worker =
        TestWorkers.fast(fake, "w1")
            .concurrency(2)
            .drainTimeout(Duration.ofMillis(200))
            .handle(
                "deaf",
                (task, ctx) -> {
                  started.countDown();
                  awaitIgnoringInterrupts(release);
                  exited.countDown();
                  return TaskResult.success();
                })
            .handle(
                "sleepy",
                (task, ctx) -> {
                  started.countDown();
                  try {
                    Thread.sleep(Duration.ofDays(1));
                  } finally {
                    exited.countDown();
                  }
                  return TaskResult.success();
                })
            .build();
    fake.enqueue("deaf", "deaf", Map.of());
    fake.enqueue("sleepy", "sleepy", Map.of());
    worker.start();
    await().until(() -> started.getCount() == 0);

    long t0 = System.nanoTime();
    worker.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));

    assertThat(fake.results).hasSize(2);
    assertThat(fake.results)
        .allSatisfy(r ->
            assertThat(map(r.get("result")))
                .containsEntry("status", "failure")
                .containsEntry(
                    "error", Map.of("code", "TRANSIENT_ERROR", "message", "worker shutting down")));
    release.countDown();
    await().until(() -> exited.getCount() == 0);
    await().during(Duration.ofMillis(200)).until(() -> fake.results.size() == 2);
  }

  @Test
  void closeReturnsPromptlyWhilePollsAreHeld() {
    fake.hold = Duration.ofSeconds(30);
    Worker worker =
        TestWorkers.fast(fake, "w1")
            .concurrency(4)
            .handle("t", (task, ctx) -> TaskResult.success())
            .build();
    worker.start();
    await().until(() -> fake.openPolls.get() == 4);

    long t0 = System.nanoTime();
    worker.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    worker.close();
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // Deliberately deaf: this handler models one stuck in uninterruptible I/O.
      }
    }
  }
}
