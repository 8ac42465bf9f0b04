package dev.baton.worker.sdk.internal;

import static dev.baton.worker.sdk.FakeOrchestrator.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.FakeOrchestrator;
import dev.baton.worker.sdk.Task;
import dev.baton.worker.sdk.TaskHandler;
import dev.baton.worker.sdk.TaskResult;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cancel path from a {@code cancel_task} message to the reported result. */
class CancelTest {
  private final FakeOrchestrator fake = new FakeOrchestrator();
  private final HttpClient http = TestConfigs.http();
  private final CountDownLatch started = new CountDownLatch(1);
  private final Semaphore permits = new Semaphore(1);
  private final WorkerConfig config =
      TestConfigs.config(
          fake.uri(),
          Map.<String, TaskHandler>of(
              "sleepy",
              (task, ctx) -> {
                started.countDown();
                Thread.sleep(Duration.ofDays(1));
                return TaskResult.success();
              },
              "stubborn",
              (task, ctx) -> {
                started.countDown();
                // Swallows the cancel interrupt and completes regardless.
                while (!Thread.interrupted()) {
                  Thread.onSpinWait();
                }
                // The flag is set before the interrupt, so a handler that sees one sees both.
                return TaskResult.success(
                    Map.of("finished", "anyway", "cancelled", ctx.isCancelled()));
              }));
  private final TaskRunner runner =
      new TaskRunner(
          config.handlers(),
          permits,
          new ResultPoster(config, new WorkerClient(config, http)),
          ProgressSink.NONE);
  private final ControlChannel channel =
      new ControlChannel(config, http, command -> runner.cancel(command.taskId()));

  CancelTest() throws Exception {}

  @AfterEach
  void tearDown() {
    http.shutdownNow();
    fake.close();
  }

  @Test
  void cancelInterruptsTheHandlerAndReportsCancelled() throws Exception {
    permits.acquire();
    runner.run(new Task("j1", "t1", "sleepy", Map.of(), Map.of()));
    started.await();

    channel.onMessage("{\"command\":\"cancel_task\",\"task_id\":\"t1\",\"job_id\":\"j1\"}");

    await().until(() -> fake.results.size() == 1);
    assertThat(map(fake.results.getFirst().get("result"))).containsEntry("status", "cancelled");
    await().until(() -> permits.availablePermits() == 1 && runner.load() == 0);
  }

  @Test
  void aHandlerThatFinishesDespiteCancelReportsItsOwnResult() throws Exception {
    permits.acquire();
    runner.run(new Task("j1", "t1", "stubborn", Map.of(), Map.of()));
    started.await();

    channel.onMessage("{\"command\":\"cancel_task\",\"task_id\":\"t1\"}");
    channel.onMessage("{\"command\":\"cancel_task\",\"task_id\":\"unknown\"}");

    await().until(() -> fake.results.size() == 1);
    assertThat(map(fake.results.getFirst().get("result")))
        .containsEntry("status", "success")
        .containsEntry("data", Map.of("finished", "anyway", "cancelled", true));
  }
}
