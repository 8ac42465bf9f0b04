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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A measurement, not part of the everyday build (it runs only when {@code
 * BATON_MEASURE_DRAIN_PG_URL} names a PostgreSQL server, such as {@code
 * jdbc:postgresql://127.0.0.1:55433/postgres}): 2,000 jobs, four SDK workers that stay alive, the
 * server killed with SIGKILL while it drains them and started again; how long the rest takes. The
 * tasks leased when the server died go out again as the workers' heartbeats name what they run
 * ({@code running_tasks}), not after the 300 s task timeout. Prints the figures.
 *
 * <pre>
 * BATON_MEASURE_DRAIN_PG_URL=jdbc:postgresql://127.0.0.1:55433/postgres \
 *   mvn -pl baton-app -am verify -Dit.test=DrainAfterKillIT -Dtest=none \
 *   -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfEnvironmentVariable(named = "BATON_MEASURE_DRAIN_PG_URL", matches = "jdbc:postgresql:.*")
class DrainAfterKillIT {
  static final JsonMapper JSON = JsonMapper.builder().build();
  static final String TOKEN = "secure-worker-token";
  static final int JOBS = 2000;
  static final int KILL_AFTER = 400;

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final List<Process> processes = new ArrayList<>();
  final List<Worker> workers = new ArrayList<>();
  int port;
  Map<String, String> env;

  @AfterEach
  void stop() {
    workers.forEach(Worker::close);
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void twoThousandJobsDrainAfterAKill() throws Exception {
    String admin = System.getenv("BATON_MEASURE_DRAIN_PG_URL");
    String user = System.getenv().getOrDefault("BATON_MEASURE_DRAIN_PG_USER", "postgres");
    String db = "baton_drain_" + System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(admin, user, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    env =
        Map.of(
            "BATON_DATABASE_URL",
            admin.substring(0, admin.lastIndexOf('/') + 1) + db,
            "BATON_DATABASE_USER",
            user,
            "RATE_LIMITING_ENABLED",
            "false");
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
    processes.add(ServerProcess.start(dir, port, env, "server.log"));
    String batch =
        JSON.writeValueAsString(
            Map.of("jobs", Collections.nCopies(1000, Map.of("blueprint", "one"))));
    for (int i = 0; i < JOBS / 1000; i++) {
      assertThat(send("POST", "/api/v1/jobs/batch", batch).statusCode()).isEqualTo(201);
    }
    for (int w = 0; w < 4; w++) {
      Worker worker =
          Worker.builder(URI.create("http://127.0.0.1:" + port), "w" + w)
              .token(TOKEN)
              .concurrency(8)
              .handle(
                  "step",
                  (t, ctx) -> {
                    Thread.sleep(20);
                    return TaskResult.success(Map.of());
                  })
              .build();
      worker.start();
      workers.add(worker);
    }
    long started = System.nanoTime();
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> finished() >= KILL_AFTER);
    Process p = processes.get(0);
    p.destroyForcibly(); // SIGKILL, with tasks leased and results in flight
    p.waitFor();
    long killed = System.nanoTime();
    processes.add(ServerProcess.start(dir, port, env, "server.log"));
    long restarted = System.nanoTime();
    long before = finished();
    await()
        .atMost(Duration.ofMinutes(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> finished() == JOBS);
    long done = System.nanoTime();
    System.out.printf(
        "DRAIN: %d jobs on PostgreSQL; killed after %d finished (%.1f s); down %.1f s; %d finished"
            + " at restart; the remaining %d finished %.1f s after the restart; %.1f s in all%n",
        JOBS,
        KILL_AFTER,
        (killed - started) / 1e9,
        (restarted - killed) / 1e9,
        before,
        JOBS - before,
        (done - restarted) / 1e9,
        (done - started) / 1e9);
  }

  private long finished() throws Exception {
    HttpResponse<String> r = send("GET", "/api/v1/jobs?status=finished&limit=1", null);
    return JSON.readTree(r.body()).get("total").asLong();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return ServerProcess.send(http, port, TOKEN, method, path, body);
  }
}
