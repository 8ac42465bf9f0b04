package dev.baton.app;

import dev.baton.worker.sdk.Worker;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * An SDK worker in a process of its own, for the chaos suite to kill with SIGKILL while it holds a
 * task: it takes tasks of type {@code hold} on the node it is given, prints {@code holding <task
 * id>} on its standard output for each, and never finishes one. Killed, it stops heartbeating and
 * never answers, as a crashed worker host would.
 */
final class ChaosWorkerProcess {
  private ChaosWorkerProcess() {}

  /** Arguments: the node's base URI, the worker id, the worker token. */
  public static void main(String[] args) throws InterruptedException {
    Worker w =
        Worker.builder(URI.create(args[0]), args[1])
            .token(args[2])
            .concurrency(1)
            .heartbeatInterval(Duration.ofMillis(500))
            .handle(
                "hold",
                (task, ctx) -> {
                  System.out.println("holding " + task.taskId());
                  System.out.flush();
                  new CountDownLatch(1).await(); // until the process is killed
                  throw new IllegalStateException("unreachable");
                })
            .build();
    w.start();
    new CountDownLatch(1).await();
  }

  /** Starts the worker on the test's class path, its output to {@code out}. */
  static Process start(int port, String workerId, String token, Path out) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ChaosWorkerProcess.class.getName(),
                "http://127.0.0.1:" + port,
                workerId,
                token));
    pb.redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    return pb.start();
  }
}
