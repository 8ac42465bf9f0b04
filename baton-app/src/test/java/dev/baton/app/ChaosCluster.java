package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.jdbc.TestPostgres;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chaos suite's cluster: three {@code baton server} processes on one PostgreSQL, an SDK worker
 * on each (tasks of type {@code step}), the blueprints of every shape, and a schedule firing every
 * second; the suite kills, stops and restarts its nodes and talks to them over HTTP.
 */
final class ChaosCluster implements AutoCloseable {
  static final String TOKEN = "secure-worker-token";
  static final JsonMapper JSON = JsonMapper.builder().build();

  final Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final Process[] nodes = new Process[3];
  final int[] ports = new int[3];
  final List<Worker> workers = new ArrayList<>();

  /** Tasks the SDK workers ran. */
  final AtomicLong handled = new AtomicLong();

  /** Other processes of a test (a worker to kill), ended with the cluster. */
  final List<Process> others = new ArrayList<>();

  private Map<String, String> env = Map.of();

  ChaosCluster(Path dir) {
    this.dir = dir;
  }

  /** Starts the nodes, a worker on each, and the schedule; returns the schedule's anchor. */
  Instant start(TestPostgres.Database db) throws Exception {
    env =
        Map.of(
            "BATON_DATABASE_URL", db.url(),
            "BATON_DATABASE_USER", db.user(),
            "BATON_DATABASE_PASSWORD", db.password(),
            "WORKER_HEALTH_CHECK_INTERVAL_SECONDS", "1",
            "WORKER_POLL_TIMEOUT_SECONDS", "1",
            // A claim whose answer died with its node leaves a task leased to a live worker that
            // never saw it: the task's timeout hands it out again.
            "WORKER_TIMEOUT_SECONDS", "5",
            "RATE_LIMITING_ENABLED", "false",
            "BATON_LEADER_LEASE_SECONDS", "3",
            // A robot's running jobs wait 2 s, not 30, for it to reconnect to another node.
            "ROBOT_RECONNECT_GRACE_SECONDS", "2");
    Path[] homes = new Path[3];
    for (int i = 0; i < 3; i++) {
      ports[i] = ServerProcess.freePort();
      homes[i] = dir.resolve("node" + i);
      ChaosBlueprints.write(Files.createDirectories(homes[i].resolve("blueprints")));
    }
    // All three at once, as a cluster's nodes come up: they race to migrate the fresh database
    // (Flyway takes a lock for it) and to store the same blueprint files.
    Process[] started = ServerProcess.startAll(homes, ports, env, "server.log");
    System.arraycopy(started, 0, nodes, 0, 3);
    HttpResponse<String> schedule =
        send(
            0,
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"tick\",\"blueprint\":\"one\",\"interval_seconds\":1,"
                + "\"overlap\":\"allow\",\"missed\":\"all\",\"initial_data\":{\"n\":-1}}");
    assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(201);
    for (int i = 0; i < 3; i++) {
      Worker w =
          Worker.builder(URI.create("http://127.0.0.1:" + ports[i]), "chaos-" + i)
              .token(TOKEN)
              .concurrency(8)
              .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
              .heartbeatInterval(Duration.ofMillis(500))
              .resultAttempts(200) // ride out its node's restart rather than drop a result
              .handle(
                  "step",
                  (task, ctx) -> {
                    handled.incrementAndGet();
                    return TaskResult.success(Map.of("ok", true));
                  })
              .build();
      w.start();
      workers.add(w);
    }
    return Instant.parse(JSON.readTree(schedule.body()).path("timing").path("anchor").asString());
  }

  void kill(int i) throws InterruptedException {
    nodes[i].destroyForcibly(); // SIGKILL: no shutdown hook, no flush, its lease just stops
    nodes[i].waitFor();
  }

  void start(int i) throws IOException {
    nodes[i] = ServerProcess.start(dir.resolve("node" + i), ports[i], env, "server.log");
  }

  /** A create with an {@code Idempotency-Key}, so that a retry on another node is safe. */
  HttpResponse<String> createOn(int node, String key, String path, String body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[node] + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(int node, String method, String path, String body)
      throws IOException, InterruptedException {
    return ServerProcess.send(http, ports[node], TOKEN, method, path, body);
  }

  @Override
  public void close() throws InterruptedException {
    workers.forEach(Worker::close);
    for (Process p : others) {
      p.destroyForcibly();
      p.waitFor();
    }
    for (Process p : nodes) {
      if (p != null) {
        p.destroyForcibly();
        p.waitFor();
      }
    }
  }
}
