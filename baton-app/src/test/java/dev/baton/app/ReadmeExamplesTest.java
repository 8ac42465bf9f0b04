package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.Choice;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import dev.baton.worker.sdk.InvalidInputException;
import dev.baton.worker.sdk.Worker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java examples as they are written there (with the imports it shows), run: "Baton as
 * a library" on a SQLite file in a folder that does not exist yet, and "A worker in Java" against a
 * server. When this test changes, the README's snippets change with it.
 */
class ReadmeExamplesTest {
  @TempDir Path dir;

  @Test
  void batonAsALibrary() throws Exception {
    Path file = dir.resolve("data/baton.db");
    // ---- README "Baton as a library", from here
    Store store = JdbcStore.sqlite(file); // or JdbcStore.postgres(url, user, pw)
    try (Engine engine = Engine.builder(store).build().start()) {
      engine.register(
          Blueprint.builder("order")
              .start("charge")
              .dispatch(
                  "charge",
                  TaskSpec.of("charge_card", Map.of()),
                  Map.of("success", "ship", "declined", "failed"))
              .choose(
                  "ship",
                  List.of(Choice.when(ctx -> ctx.get("express") != null, "express")),
                  "finished")
              .dispatch("express", TaskSpec.of("courier", Map.of()), Map.of("success", "finished"))
              .build());
      Job job = engine.createJob(NewJob.of("order", Map.of("amount", 42)));
      List<Job> more =
          engine.createJobs(
              List.of( // one transaction
                  NewJob.of("order", Map.of("amount", 7)),
                  NewJob.of("order", Map.of("amount", 9))));

      // An in-process worker: registers once, then polls and completes.
      engine.registerWorker(
          Map.of("worker_id", "worker-1", "supported_tasks", List.of("charge_card", "courier")));
      List<Task> tasks = engine.poll("worker-1", 10, Duration.ofSeconds(30));
      for (Task task : tasks) {
        engine.complete(task.id(), "worker-1", TaskResult.success(Map.of("charged", true)));
      }
      // ---- to here
      assertThat(tasks).hasSize(3);
      assertThat(more).hasSize(2);
      await()
          .until(() -> engine.job(job.id()).orElseThrow().status().wireName().equals("finished"));
    }
  }

  @Test
  void aWorkerInJava() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("thumb.yaml"),
        """
        name: thumb
        start: resize
        states:
          resize:
            dispatch: { task: resize, params: { url: "${initial_data.url}" } }
            on: { success: finished }
        """);
    try (TestApp app = TestApp.start(dir.resolve("data"), blueprints, Map.of())) {
      String server = "http://127.0.0.1:" + app.port();
      // ---- README "A worker in Java", from here (join() left out: the test goes on)
      try (Worker worker =
          Worker.builder(URI.create(server), "resizer-1")
              .token("secure-worker-token")
              .concurrency(8) // tasks at once, each on a virtual thread
              .websocket(true) // progress updates and cancel_task
              .handle(
                  "resize",
                  (task, ctx) -> {
                    if (!task.params().containsKey("url"))
                      throw new InvalidInputException("no url");
                    return dev.baton.worker.sdk.TaskResult.success(Map.of("thumbnail", "…"));
                  })
              .build()) {
        worker.start(); // register, heartbeat, long-poll
        // ---- to here
        String id = app.create("thumb", "{\"url\":\"https://example.com/a.png\"}");
        await().until(() -> app.job(id).path("status").asString().equals("finished"));
        assertThat(app.job(id).path("state_history").path("thumbnail").asString()).isEqualTo("…");
      }
    }
  }
}
