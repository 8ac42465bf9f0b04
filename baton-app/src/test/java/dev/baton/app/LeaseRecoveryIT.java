package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lease whose answer died with a killed server goes out again as soon as its worker says it does
 * not hold it, not after the task's timeout (300 s by default, kept here); and SIGTERM stops the
 * server cleanly (exit 0).
 */
class LeaseRecoveryIT {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String TOKEN = "secure-worker-token";

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final List<Process> processes = new ArrayList<>();
  Worker worker;
  int port;

  @BeforeEach
  void blueprint() throws Exception {
    Files.writeString(
        Files.createDirectories(dir.resolve("blueprints")).resolve("one.yaml"),
        """
        name: one
        start: run
        states:
          run:
            dispatch: { task: step, params: {} }
            on: { success: finished }
        """);
    port = ServerProcess.freePort();
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close();
    }
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void aLeaseTakenBeforeAKillGoesOutAgainAtTheWorkersNextHeartbeat() throws Exception {
    startServer();
    String job = createJob();
    assertThat(send("POST", "/_worker/workers/register", registration("w1")).statusCode())
        .isEqualTo(200);
    HttpResponse<String> lost = send("GET", "/_worker/workers/w1/tasks/next", null);
    assertThat(lost.statusCode()).isEqualTo(200);
    String lostTask = JSON.readTree(lost.body()).get("task_id").asString();

    // The answer of that poll "never reached" the worker; the server dies holding the lease.
    kill();
    startServer();

    HttpResponse<String> beat =
        send("PATCH", "/_worker/workers/w1", "{\"load\":0,\"running_tasks\":[]}");
    assertThat(beat.statusCode()).as(beat.body()).isEqualTo(200);
    HttpResponse<String> again = send("GET", "/_worker/workers/w1/tasks/next", null);
    assertThat(again.statusCode()).as("handed out again at once").isEqualTo(200);
    JsonNode task = JSON.readTree(again.body());
    assertThat(task.get("job_id").asString()).isEqualTo(job);
    assertThat(task.get("task_id").asString()).isNotEqualTo(lostTask);
    assertThat(taskStatus(job, lostTask)).isEqualTo("expired");
  }

  @Test
  void aWorkerThatRegistersAgainAfterTheKillGetsItsLostTaskAtOnce() throws Exception {
    startServer();
    String job = createJob();
    send("POST", "/_worker/workers/register", registration("w1"));
    assertThat(send("GET", "/_worker/workers/w1/tasks/next", null).statusCode()).isEqualTo(200);
    kill();
    startServer();

    AtomicInteger handled = new AtomicInteger();
    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + port), "w1")
            .token(TOKEN)
            .handle(
                "step",
                (t, ctx) -> {
                  handled.incrementAndGet();
                  return TaskResult.success(Map.of());
                })
            .build();
    worker.start(); // registers naming no running task: the old lease goes back
    await()
        .atMost(Duration.ofSeconds(30)) // the task's own timeout is 300 s
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "finished".equals(jobStatus(job)));
    assertThat(handled.get()).isEqualTo(1);
  }

  @Test
  void sigtermStopsTheServerWithExitStatusZero() throws Exception {
    startServer();
    Process server = processes.get(0);
    server.destroy(); // SIGTERM
    assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).isZero();
  }

  private void startServer() throws Exception {
    processes.add(
        ServerProcess.start(
            dir,
            port,
            Map.of("WORKER_POLL_TIMEOUT_SECONDS", "1", "RATE_LIMITING_ENABLED", "false"),
            "server.log"));
  }

  private void kill() throws InterruptedException {
    Process p = processes.get(processes.size() - 1);
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no hand-back
    p.waitFor();
  }

  private String createJob() throws Exception {
    HttpResponse<String> r = send("POST", "/api/v1/jobs", "{\"blueprint\":\"one\",\"input\":{}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).get("id").asString();
  }

  private static String registration(String id) {
    return "{\"worker_id\":\"" + id + "\",\"supported_tasks\":[\"step\"]}";
  }

  private String jobStatus(String job) throws Exception {
    return JSON.readTree(send("GET", "/api/v1/jobs/" + job, null).body()).get("status").asString();
  }

  private String taskStatus(String job, String task) throws Exception {
    JsonNode tasks = JSON.readTree(send("GET", "/api/v1/jobs/" + job + "/tasks", null).body());
    for (JsonNode t : tasks.path("items").isArray() ? tasks.path("items") : tasks) {
      if (task.equals(t.path("id").asString())) {
        return t.path("status").asString();
      }
    }
    return "missing";
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return ServerProcess.send(http, port, TOKEN, method, path, body);
  }
}
