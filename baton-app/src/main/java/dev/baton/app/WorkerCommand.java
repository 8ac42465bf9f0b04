package dev.baton.app;

import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import dev.baton.worker.sdk.WorkerBuilder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton worker}: a demonstration worker that takes tasks of the given types and answers
 * success with its params echoed back (plus a greeting when there is a {@code name}). It speaks the
 * same HTTP protocol as any Avtomatika worker.
 */
@Command(name = "worker", description = "Run an echo worker for the given task types.")
final class WorkerCommand implements Callable<Integer> {
  @Option(
      names = "--url",
      defaultValue = "http://localhost:8080",
      description = "the server (default ${DEFAULT-VALUE})")
  URI url = URI.create("http://localhost:8080");

  @Option(
      names = "--id",
      defaultValue = "echo-worker",
      description = "the worker's id (default ${DEFAULT-VALUE})")
  String id = "echo-worker";

  @Option(
      names = "--token",
      defaultValue = "${env:GLOBAL_WORKER_TOKEN:-secure-worker-token}",
      description = "the worker token (env GLOBAL_WORKER_TOKEN; default secure-worker-token)")
  String token = "secure-worker-token";

  @Option(names = "--type", required = true, description = "task type to take (repeatable)")
  List<String> types = List.of();

  // One long-poll by default: the server's default rate limit (Avtomatika's 5 requests per path
  // per minute) would throttle more.
  @Option(
      names = "--concurrency",
      defaultValue = "1",
      description = "tasks at once (default ${DEFAULT-VALUE})")
  int concurrency = 1;

  @Override
  public Integer call() throws InterruptedException {
    WorkerBuilder b = Worker.builder(url, id).token(token).concurrency(concurrency);
    for (String type : types) {
      b.handle(
          type,
          (task, ctx) -> {
            Map<String, Object> data = new LinkedHashMap<>(task.params());
            if (task.params().get("name") instanceof String name) {
              data.put("greeting", "Hello, " + name + "!");
            }
            data.put("handled_by", id);
            return TaskResult.success(data);
          });
    }
    Worker worker = b.build();
    CountDownLatch stopped = new CountDownLatch(1);
    CleanExit.onSigterm();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              worker.close();
              stopped.countDown();
            }));
    worker.start();
    System.out.println("worker " + id + " takes " + types + " from " + url);
    stopped.await();
    return 0;
  }
}
