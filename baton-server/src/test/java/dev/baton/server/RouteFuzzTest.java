package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobQuery;
import dev.baton.server.TestServer.Res;
import dev.baton.server.fuzz.RouteFuzz;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RouteFuzz} on the core's routes and the in-memory store: no 5xx (nor the 500 path, which
 * {@link TestServer#close} checks), and no job or schedule created, changed or lost. The routes of
 * the feature modules (robots, scenarios, the control loop) answer 404 here; baton-app's fuzz runs
 * the same table with every module wired.
 */
class RouteFuzzTest {
  // Long-polls (and the query variants sent to them) answer at once rather than wait.
  private final TestServer t =
      new TestServer(TestServer.OPTIONS.withPollTimeout(java.time.Duration.ofMillis(10)));

  {
    AvtomatikaApiTest.registerApiBlueprints(t);
  }

  @AfterEach
  void close() {
    t.close();
  }

  private RouteFuzz.Answer sendOnce(String method, String path, @Nullable String body) {
    Res r =
        t.sendRaw(
            method,
            path,
            body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body),
            "X-Worker-Token",
            TestServer.TOKEN,
            "Content-Type",
            "application/json");
    return new RouteFuzz.Answer(r.status(), r.body());
  }

  @Test
  void noRouteAnswers5xxToMalformedInputAndTheStoreIsUnchanged() throws Exception {
    String jobId = t.createJob("hello").path("id").asString();
    Res schedule =
        t.post(
            "/api/v1/schedules",
            json(Map.of("name", "nightly", "blueprint", "hello", "cron", "0 0 1 1 *")));
    assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);
    RouteFuzz fuzz;
    try (InputStream in = RouteFuzzTest.class.getResourceAsStream("/openapi/openapi.yaml")) {
      fuzz = new RouteFuzz(RouteFuzz.spec(in), "/api/v1/jobs/greet", 15);
    }

    RouteFuzz.Report report =
        fuzz.run(
            new RouteFuzz.Target() {
              @Override
              public RouteFuzz.@Nullable Answer send(
                  String method, String path, @Nullable String body) throws Exception {
                try {
                  return sendOnce(method, path, body);
                } catch (IllegalArgumentException e) {
                  return null; // a URI the client cannot build: nothing reached the server
                } catch (AssertionError e) {
                  throw new java.io.IOException("no answer", e.getCause()); // sent once more
                }
              }

              @Override
              public String fingerprint() {
                return "jobs="
                    + t.engine.jobs(JobQuery.all(1, 0)).total()
                    + " schedules="
                    + t.engine.schedules().list().size()
                    + " job version="
                    + t.engine.job(jobId).orElseThrow().version();
              }
            });

    assertThat(report.failures()).as("5xx answers of %d requests", report.sent()).isEmpty();
    assertThat(report.sent()).isGreaterThan(1500);
    // A request sent on a connection the server has just closed (after refusing a malformed one)
    // gets no answer and is sent once more; how many do is timing, so it is bounded by a share.
    assertThat(report.resent())
        .as("requests of %d that got no answer the first time", report.sent())
        .isLessThan(Math.max(20, report.sent() / 50));
  }
}
