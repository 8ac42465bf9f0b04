package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * kill -9 of a real server process while jobs are in flight: after a restart on the same data,
 * every accepted job finishes, and no step is taken twice (each job has exactly one accepted result
 * per step, and one entry into each state).
 */
class CrashRecoveryIT {
  static final int JOBS = 300;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final List<Process> processes = new ArrayList<>();
  Worker worker;
  int port;

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void aKilledServerLosesNoAcceptedJobAndMovesNoJobTwice() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("twostep.yaml"),
        """
        name: twostep
        start: first
        states:
          first:
            dispatch: { task: step, params: { n: "${initial_data.n}", step: 1 } }
            on: { success: second }
          second:
            dispatch: { task: step, params: { n: "${initial_data.n}", step: 2 } }
            on: { success: finished }
        """);
    port = ServerProcess.freePort();
    startServer();

    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      HttpResponse<String> r =
          post("/api/v1/jobs", "{\"blueprint\":\"twostep\",\"input\":{\"n\":" + i + "}}");
      assertThat(r.statusCode()).isEqualTo(201);
      accepted.add(JSON.readTree(r.body()).get("id").asString());
    }

    AtomicInteger handled = new AtomicInteger();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + port), "crash-worker")
            .token("secure-worker-token")
            .concurrency(8)
            .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
            .heartbeatInterval(Duration.ofMillis(500))
            .resultAttempts(200) // ride out the restart rather than drop a result
            .handle(
                "step",
                (task, ctx) -> {
                  seen.add(task.taskId());
                  handled.incrementAndGet();
                  return TaskResult.success(Map.of("step" + task.params().get("step"), true));
                })
            .build();
    worker.start();

    await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() >= JOBS / 2);
    Process first = processes.get(0);
    first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
    first.waitFor();
    assertThat(handled.get()).isLessThan(2 * JOBS); // the kill really came mid-flight

    startServer();
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> count("finished") == JOBS);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(diagnose(accepted), e);
    }

    for (String id : accepted) {
      JsonNode history = JSON.readTree(get("/api/v1/jobs/" + id + "/history").body());
      long intoSecond = entriesInto(history, "second");
      long intoFinished = entriesInto(history, "finished");
      assertThat(intoSecond).as("job %s entered 'second'", id).isEqualTo(1);
      assertThat(intoFinished).as("job %s entered 'finished'", id).isEqualTo(1);
      JsonNode tasks = JSON.readTree(get("/api/v1/jobs/" + id + "/tasks").body());
      long done = 0;
      for (JsonNode t : tasks.path("items").isArray() ? tasks.path("items") : tasks) {
        if ("done".equals(t.path("status").asString())) {
          done++;
        }
      }
      assertThat(done).as("job %s accepted results", id).isEqualTo(2);
      // Each transition's ledger entry was committed with it: the kill split none of them.
      JsonNode ledger =
          JSON.readTree(get("/api/v1/ledger?order=asc&limit=1000&type=job.*&job_id=" + id).body());
      assertThat(toStates(ledger.path("items"), true))
          .as("job %s: ledger and history", id)
          .isEqualTo(toStates(history, false));
    }
  }

  /** The {@code to_state} of each transition (in a ledger entry: in its details). */
  private static List<String> toStates(JsonNode entries, boolean ledger) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : entries.path("items").isArray() ? entries.path("items") : entries) {
      out.add((ledger ? t.path("details") : t).path("to_state").asString());
    }
    return out;
  }

  /** What the unfinished jobs wait for, and the server's log: what a failure needs to be read. */
  private String diagnose(List<String> ids) throws Exception {
    StringBuilder out = new StringBuilder("not all jobs finished:\n");
    for (String id : ids) {
      String job = get("/api/v1/jobs/" + id).body();
      if (!job.contains("\"status\":\"finished\"")) {
        out.append(job)
            .append('\n')
            .append(get("/api/v1/jobs/" + id + "/tasks").body())
            .append('\n');
      }
    }
    Path log = dir.resolve("server.log");
    if (Files.exists(log)) {
      List<String> lines = Files.readAllLines(log);
      out.append("server log:\n")
          .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
    }
    return out.toString();
  }

  private static long entriesInto(JsonNode history, String state) {
    long n = 0;
    for (JsonNode t : history.path("items").isArray() ? history.path("items") : history) {
      if (state.equals(t.path("to_state").asString())
          && !state.equals(t.path("from_state").asString())) {
        n++;
      }
    }
    return n;
  }

  private long count(String status) throws Exception {
    HttpResponse<String> r = get("/api/v1/jobs?status=" + status + "&limit=1");
    return r.statusCode() == 200 ? JSON.readTree(r.body()).get("total").asLong() : -1;
  }

  private void startServer() throws IOException {
    processes.add(
        ServerProcess.start(
            dir,
            port,
            Map.of(
                "WORKER_HEALTH_CHECK_INTERVAL_SECONDS", "1",
                "WORKER_POLL_TIMEOUT_SECONDS", "1",
                // A claim whose answer died with the server leaves a task leased to a live worker
                // that never saw it; its timeout hands it out again (the worker's heartbeat, which
                // names its tasks, does so sooner). The timeout counts from the task's creation:
                // 5 s once expired the first jobs' tasks four times over while the 300 creates
                // still ran beside the chaos test (about 40 ms each), and quarantined them.
                "WORKER_TIMEOUT_SECONDS", "30",
                // Eight pollers and a heartbeat every 500 ms: far beyond upstream's rate limit.
                "RATE_LIMITING_ENABLED", "false"),
            "server.log"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
