package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.store.jdbc.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Baton server processes on one PostgreSQL, both running their scheduler on the same schedule:
 * every fire happens exactly once, none is lost, and each started exactly one job.
 */
class TwoServersScheduleIT {
  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroy();
      p.waitFor();
    }
  }

  @Test
  void everyFireHappensExactlyOnceAcrossTwoServers() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    Map<String, String> env =
        Map.of(
            "BATON_DATABASE_URL", db.url(),
            "BATON_DATABASE_USER", db.user(),
            "BATON_DATABASE_PASSWORD", db.password());
    int[] ports = {ServerProcess.freePort(), ServerProcess.freePort()};
    for (int i = 0; i < 2; i++) {
      Path home = Files.createDirectories(dir.resolve("node" + i));
      Files.writeString(
          Files.createDirectories(home.resolve("blueprints")).resolve("tick.yaml"),
          """
          name: tick
          start: work
          states:
            work:
              dispatch: { task: nobody-takes-this }
              on: { success: finished }
          """);
      processes.add(ServerProcess.start(home, ports[i], env, "server.log"));
    }

    HttpResponse<String> created =
        send(
            ports[0],
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"tick\",\"blueprint\":\"tick\",\"interval_seconds\":1,"
                + "\"overlap\":\"allow\",\"missed\":\"all\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Instant anchor =
        Instant.parse(JSON.readTree(created.body()).path("timing").path("anchor").asString());

    await().atMost(Duration.ofSeconds(60)).until(() -> runs(ports[1]).size() >= 8);
    assertThat(send(ports[1], "POST", "/api/v1/schedules/tick/pause", null).statusCode())
        .isEqualTo(200);

    List<JsonNode> runs = runs(ports[0]);
    Set<String> jobs = new HashSet<>();
    List<Instant> fires = new ArrayList<>();
    long latest = 0;
    for (JsonNode run : runs) {
      assertThat(run.path("outcome").asString()).as(run.toString()).isEqualTo("started");
      assertThat(jobs.add(run.path("job_id").asString())).as("one job per fire").isTrue();
      fires.add(Instant.parse(run.path("fire_at").asString()));
      latest = Math.max(latest, run.path("lateness_ms").asLong());
    }
    // Newest first, one per second from the anchor, none missing and none twice.
    for (int i = 0; i < fires.size(); i++) {
      assertThat(fires.get(i)).isEqualTo(anchor.plusSeconds(fires.size() - 1 - i));
    }
    JsonNode page =
        JSON.readTree(send(ports[1], "GET", "/api/v1/jobs?blueprint=tick&limit=1", null).body());
    assertThat(page.path("total").asLong()).isEqualTo(runs.size());
    System.out.printf(
        "two servers: %d fires, each once; latest fire started %d ms after its time%n",
        runs.size(), latest);
  }

  private List<JsonNode> runs(int port) throws Exception {
    HttpResponse<String> r = send(port, "GET", "/api/v1/schedules/tick/runs?limit=1000", null);
    List<JsonNode> out = new ArrayList<>();
    JSON.readTree(r.body()).forEach(out::add);
    return out;
  }

  private HttpResponse<String> send(int port, String method, String path, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
