package dev.baton.worker.sdk;

import static dev.baton.worker.sdk.FakeOrchestrator.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerResultTest {
  private final FakeOrchestrator fake = new FakeOrchestrator();
  private final AtomicReference<Task> seen = new AtomicReference<>();
  private final Worker worker =
      TestWorkers.fast(fake, "w1")
          .concurrency(4)
          .handle(
              "resize_image",
              (task, ctx) -> {
                seen.set(task);
                return TaskResult.success(
                    Map.of("url", "s3://bucket/" + task.params().get("name")));
              })
          .handle(
              "perm",
              (task, ctx) -> {
                throw new PermanentTaskException("model weights corrupt");
              })
          .handle(
              "invalid",
              (task, ctx) -> {
                throw new InvalidInputException("width must be positive");
              })
          .handle(
              "boom",
              (task, ctx) -> {
                throw new IllegalStateException("disk full");
              })
          .handle(
              "npe",
              (task, ctx) -> {
                throw new NullPointerException();
              })
          .handle("review", (task, ctx) -> TaskResult.status("needs_review", Map.of("score", 0.4)))
          .handle("returned_error", (task, ctx) -> TaskResult.permanentError("unsupported codec"))
          .build();

  WorkerResultTest() throws Exception {}

  @AfterEach
  void tearDown() {
    worker.close();
    fake.close();
  }

  @Test
  void postsSuccessWithTheTaskIdsAndData() {
    Map<String, Object> params = new HashMap<>();
    params.put("name", "cat.png");
    params.put("size", Map.of("w", 640, "h", 480));
    params.put("nothing", null);
    fake.enqueue("t1", "resize_image", params);
    worker.start();

    await().until(() -> fake.results.size() == 1);
    assertThat(fake.results.getFirst())
        .containsEntry("job_id", "job-t1")
        .containsEntry("task_id", "t1")
        .containsEntry("worker_id", "w1");
    Map<String, Object> result = map(fake.results.getFirst().get("result"));
    assertThat(result)
        .containsEntry("status", "success")
        .containsEntry("data", Map.of("url", "s3://bucket/cat.png"))
        .doesNotContainKey("error");
    Task task = seen.get();
    assertThat(task.type()).isEqualTo("resize_image");
    assertThat(task.params()).isEqualTo(params);
    assertThat(task.tracingContext()).containsEntry("traceparent", "00-trace-t1");
  }

  @Test
  void mapsHandlerExceptionsToErrorCodes() {
    for (String type : List.of("perm", "invalid", "boom", "npe", "returned_error")) {
      fake.enqueue(type, type, Map.of());
    }
    worker.start();

    await().until(() -> fake.results.size() == 5);
    Map<Object, Map<String, Object>> byTask =
        fake.results.stream()
            .collect(Collectors.toMap(r -> r.get("task_id"), r -> map(r.get("result"))));
    assertThat(byTask.values()).allSatisfy(r -> assertThat(r).containsEntry("status", "failure"));
    assertThat(byTask.get("perm"))
        .containsEntry("error", error("PERMANENT_ERROR", "model weights corrupt"));
    assertThat(byTask.get("invalid"))
        .containsEntry("error", error("INVALID_INPUT_ERROR", "width must be positive"));
    assertThat(byTask.get("boom")).containsEntry("error", error("TRANSIENT_ERROR", "disk full"));
    assertThat(byTask.get("npe"))
        .containsEntry("error", error("TRANSIENT_ERROR", "java.lang.NullPointerException"));
    assertThat(byTask.get("returned_error"))
        .containsEntry("error", error("PERMANENT_ERROR", "unsupported codec"));
  }

  @Test
  void postsACustomStatus() {
    fake.enqueue("t1", "review", Map.of());
    worker.start();

    await().until(() -> fake.results.size() == 1);
    assertThat(map(fake.results.getFirst().get("result")))
        .containsEntry("status", "needs_review")
        .containsEntry("data", Map.of("score", 0.4));
  }

  @Test
  void dropsAResultTheOrchestratorRejectsWithoutRetrying() {
    fake.answerResults(409);
    fake.enqueue("late", "resize_image", Map.of("name", "a"));
    worker.start();

    await().until(() -> fake.results.size() == 1);
    // A retry would arrive within the 10–40 ms backoff.
    await().during(Duration.ofMillis(300)).until(() -> fake.results.size() == 1);
    await().until(() -> worker.load() == 0);
  }

  @Test
  void retriesAResultWhileTheOrchestratorIsFailing() {
    fake.answerResults(503, 429, 500);
    fake.enqueue("t1", "resize_image", Map.of("name", "a"));
    worker.start();

    await().until(() -> fake.results.size() == 4);
    assertThat(fake.results).allSatisfy(r -> assertThat(r).isEqualTo(fake.results.getFirst()));
    await().during(Duration.ofMillis(200)).until(() -> fake.results.size() == 4);
  }

  @Test
  void backsOffFromRateLimitedPollsAndCarriesOn() {
    fake.answerPolls(429, 429, 503);
    fake.enqueue("t1", "resize_image", Map.of("name", "a"));
    worker.start();

    await().until(() -> fake.results.size() == 1);
    assertThat(fake.polls.get()).isGreaterThanOrEqualTo(4);
  }

  private static Map<String, Object> error(String code, String message) {
    return Map.of("code", code, "message", message);
  }
}
