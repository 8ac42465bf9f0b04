package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.definition.DefinitionQuery;
import dev.baton.job.JobQuery;
import dev.baton.server.fuzz.RouteFuzz;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: baton-server's {@link RouteFuzz} over every route of the served OpenAPI document, on
 * the whole application (robots, scenarios, components, the control loop, on SQLite), where the
 * server's own fuzz sees only 404s for the feature modules' routes. No 5xx, and nothing stored is
 * created, changed or lost: jobs (robot jobs and scenario runs are jobs too), schedules, robots.
 */
class RouteFuzzAppTest {
  /**
   * Bodies and query strings per route: a sample of the table (the server's fuzz sends the whole
   * table to the core's routes), so that the run stays within seconds.
   */
  static final int PER_ROUTE = 10;

  @TempDir Path dir;
  TestApp app;

  @AfterEach
  void close() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void noRouteOfAnyModuleAnswers5xxToMalformedInputAndTheStoreIsUnchanged() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.copy(Path.of("..", "examples", "blueprints", "hello.yaml"), blueprints.resolve("h.yaml"));
    app =
        TestApp.start(
            dir.resolve("data"),
            blueprints,
            // A long-poll answers at once: an unknown worker's poll is held for the whole timeout.
            Map.of("WORKER_POLL_TIMEOUT_SECONDS", "0", "ROBOT_AUTH_TOKEN", "robot-secret"));
    String job = app.create("hello", "{\"name\":\"ada\"}");
    HttpResponse<String> schedule =
        app.send(
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"nightly\",\"blueprint\":\"hello\",\"cron\":\"0 0 1 1 *\"}");
    assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(201);
    String spec = app.send("GET", "/api/openapi.yaml", null).body();
    RouteFuzz fuzz =
        new RouteFuzz(
            RouteFuzz.spec(new ByteArrayInputStream(spec.getBytes(StandardCharsets.UTF_8))),
            "/api/v1/jobs/hello",
            15,
            PER_ROUTE);
    BatonApp baton = app.app();

    RouteFuzz.Report report =
        fuzz.run(
            new RouteFuzz.Target() {
              @Override
              public RouteFuzz.@Nullable Answer send(
                  String method, String path, @Nullable String body) throws Exception {
                HttpResponse<String> r;
                try {
                  r = app.send(method, path, body, "X-Worker-Token", "secure-worker-token");
                } catch (IllegalArgumentException e) {
                  return null; // a URI the client cannot build: nothing reached the server
                }
                return new RouteFuzz.Answer(r.statusCode(), r.body());
              }

              @Override
              public String fingerprint() {
                return "jobs="
                    + baton.engine().jobs(JobQuery.all(1, 0)).total()
                    + " schedules="
                    + baton.engine().schedules().list().size()
                    + " robots="
                    + baton.fleet().robots().size()
                    + " definitions="
                    + baton.definitions().definitions(DefinitionQuery.ALL).stream()
                        .map(d -> d.name() + "@" + d.version() + ":" + d.status())
                        .toList()
                    + " job version="
                    + baton.engine().job(job).orElseThrow().version();
              }
            });

    assertThat(report.failures()).as("failures of %d requests", report.sent()).isEmpty();
    // Sent on a connection the server had just closed: timing, so bounded by a share (as in
    // RouteFuzzTest); each must be answered the second time.
    assertThat(report.resent())
        .as("requests of %d that got no answer the first time", report.sent())
        .isLessThan(Math.max(20, report.sent() / 50));
    assertThat(fuzz.templates()).contains("/api/v1/robot-jobs", "/event", "/orchestrator/status");
    assertThat(report.sent()).isGreaterThan(1800);
  }
}
