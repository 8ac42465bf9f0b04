package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference Python worker ({@code examples/python-worker/worker.py}) against a real server on
 * SQLite, with the example's own blueprints: one job finishes, one is quarantined by a permanent
 * error, and the script stops cleanly. Skipped when {@code python3} is not on the PATH.
 */
class PythonWorkerTest {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String TOKEN = "python-test-token";
  static Path example;

  @TempDir Path dir;
  final List<Process> processes = new ArrayList<>();
  TestApp app;

  @BeforeAll
  static void findPythonAndTheScript() {
    Assumptions.assumeTrue(pythonAvailable(), "python3 is not on the PATH");
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      Path candidate = p.resolve("examples/python-worker");
      if (Files.isRegularFile(candidate.resolve("worker.py"))) {
        example = candidate;
        return;
      }
    }
    throw new IllegalStateException("examples/python-worker/worker.py not found above " + here);
  }

  @BeforeEach
  void start() {
    app =
        TestApp.start(
            dir.resolve("data"),
            example.resolve("blueprints"),
            Map.of("WORKER_POLL_TIMEOUT_SECONDS", "5", "GLOBAL_WORKER_TOKEN", TOKEN));
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theScriptRunsAJobToTheEndAndHasAnotherQuarantinedThenExits() throws Exception {
    Process worker = worker("py-1", "--max-tasks", "2");
    String greet = app.create("greet", "{\"name\":\"Ada\"}");
    awaitStatus(worker, greet, "finished");
    assertThat(app.job(greet).path("state_history").path("greeting").asString())
        .isEqualTo("Hello, Ada!");

    String doomed = app.create("doomed", "{\"reason\":\"disk on fire\"}");
    awaitStatus(worker, doomed, "quarantined");
    assertThat(app.job(doomed).path("error_message").asString())
        .isEqualTo("Task failed with permanent error: disk on fire");

    assertThat(worker.waitFor(10, TimeUnit.SECONDS)).as(() -> output("py-1")).isTrue();
    assertThat(worker.exitValue()).as(() -> output("py-1")).isZero();
    assertThat(output("py-1")).contains("stopped after 2 task(s)");
  }

  @Test
  void sigtermCutsALongPollShortAndTheScriptExitsCleanly() throws Exception {
    Process worker = worker("py-2");
    awaitOutput(worker, "py-2", "registered py-2");
    worker.destroy(); // SIGTERM
    assertThat(worker.waitFor(3, TimeUnit.SECONDS))
        .as(() -> "exited before the 5 s long-poll ended\n" + output("py-2"))
        .isTrue();
    assertThat(worker.exitValue()).as(() -> output("py-2")).isZero();
    assertThat(output("py-2")).contains("SIGTERM: stopping");
  }

  @Test
  void aWrongTokenStopsTheScriptWithStatus2() throws Exception {
    Process worker = worker("py-3", "--token", "not-the-token");
    assertThat(worker.waitFor(10, TimeUnit.SECONDS)).as(() -> output("py-3")).isTrue();
    assertThat(worker.exitValue()).as(() -> output("py-3")).isEqualTo(2);
    assertThat(output("py-3")).contains("registration refused: HTTP 401");
  }

  // ---- the script ------------------------------------------------------------------------

  private Process worker(String id, String... extra) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                "python3",
                "-u",
                example.resolve("worker.py").toString(),
                "--url",
                "http://127.0.0.1:" + app.port(),
                "--worker-id",
                id,
                "--poll-timeout",
                "5"));
    command.addAll(List.of(extra));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(id + ".log").toFile());
    pb.environment().put("GLOBAL_WORKER_TOKEN", TOKEN); // the script's default source of the token
    pb.environment().remove("BATON_URL");
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private String output(String id) {
    try {
      Path log = dir.resolve(id + ".log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  private void awaitOutput(Process worker, String id, String text) {
    try {
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> output(id).contains(text) || !worker.isAlive());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no '" + text + "' from the script:\n" + output(id), e);
    }
    assertThat(output(id)).as("the script's output").contains(text);
  }

  private void awaitStatus(Process worker, String jobId, String status) {
    try {
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> status.equals(app.job(jobId).path("status").asString()));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "job "
              + jobId
              + " not "
              + status
              + " (worker alive: "
              + worker.isAlive()
              + ")\n"
              + output("py-1"),
          e);
    }
  }

  private static boolean pythonAvailable() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
