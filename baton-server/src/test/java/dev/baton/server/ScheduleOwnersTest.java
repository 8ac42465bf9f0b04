package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.JobQuery;
import dev.baton.server.TestServer.Res;
import dev.baton.server.access.TokenClients;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15: a schedule belongs to the client that created it. A {@code client} lists, reads,
 * changes, triggers and deletes only its own (another's answers 404 as an unknown one, by id and by
 * name); operators and admins reach every schedule; the jobs a client's schedule starts are that
 * client's jobs.
 */
class ScheduleOwnersTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T12:00:00Z"));
  final TestServer t =
      new TestServer(
          TestServer.OPTIONS.withClientAccess(
              new TokenClients(RolesTest.CLIENTS, new InMemoryStore(), clock, ZoneOffset.UTC)));

  @AfterEach
  void close() {
    t.close();
  }

  Res as(String token, String method, String path, String body) {
    return t.send(method, path, body, "X-Avtomatika-Token", token);
  }

  String create(String token, String name) {
    Res r =
        as(
            token,
            "POST",
            "/api/v1/schedules",
            json(Map.of("name", name, "blueprint", "hello", "cron", "0 3 * * *")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asString();
  }

  @Test
  void aClientReachesOnlyTheSchedulesItCreated() {
    String alices = create("alice-token", "alice-nightly");
    String bobs = create("bob-token", "bob-nightly");
    assertThat(as("alice-token", "GET", "/api/v1/schedules/" + alices, null).json().path("owner"))
        .hasToString("\"alice\"");

    for (String ref : List.of(alices, "alice-nightly")) {
      String base = "/api/v1/schedules/" + ref;
      for (String[] route :
          List.of(
              new String[] {"GET", base},
              new String[] {"PATCH", base},
              new String[] {"POST", base + "/pause"},
              new String[] {"POST", base + "/resume"},
              new String[] {"POST", base + "/trigger"},
              new String[] {"GET", base + "/preview"},
              new String[] {"GET", base + "/runs"},
              new String[] {"DELETE", base})) {
        Res r = as("bob-token", route[0], route[1], route[0].equals("PATCH") ? "{}" : null);
        assertThat(r.status()).as(route[0] + " " + route[1]).isEqualTo(404);
        assertThat(r.error()).isEqualTo("Schedule not found: " + ref);
      }
    }
    Res unknown = as("bob-token", "GET", "/api/v1/schedules/nope", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("Schedule not found: nope");
    assertThat(t.engine.schedules().get(alices)).isPresent();
    assertThat(t.engine.schedules().get(alices).orElseThrow().runCount()).isZero();

    JsonNode bobsList = as("bob-token", "GET", "/api/v1/schedules", null).json();
    assertThat(bobsList).hasSize(1);
    assertThat(bobsList.get(0).path("id").asString()).isEqualTo(bobs);
    assertThat(as("ops-token", "GET", "/api/v1/schedules", null).json()).hasSize(2);
    assertThat(as("ops-token", "GET", "/api/v1/schedules/" + alices, null).status()).isEqualTo(200);
    assertThat(as("alice-token", "POST", "/api/v1/schedules/" + alices + "/pause", "").status())
        .isEqualTo(200);
    assertThat(as("alice-token", "DELETE", "/api/v1/schedules/alice-nightly", null).status())
        .isEqualTo(204);
    assertThat(as("root-token", "DELETE", "/api/v1/schedules/" + bobs, null).status())
        .isEqualTo(204);
  }

  @Test
  void theJobsAClientsScheduleStartsAreThatClientsJobs() {
    String alices = create("alice-token", "alice-nightly");
    Res run = as("alice-token", "POST", "/api/v1/schedules/" + alices + "/trigger", "");
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    String job = run.json().path("job_id").asString();

    assertThat(as("alice-token", "GET", "/api/v1/jobs/" + job, null).status()).isEqualTo(200);
    assertThat(as("bob-token", "GET", "/api/v1/jobs/" + job, null).status()).isEqualTo(404);
    JsonNode page = as("alice-token", "GET", "/api/v1/jobs", null).json();
    assertThat(page.path("total").asLong()).isEqualTo(1);
    assertThat(t.engine.jobs(JobQuery.all(10, 0).ofClient("alice")).total()).isEqualTo(1);
    assertThat(t.engine.job(job).orElseThrow().attributes().client().token())
        .isEqualTo("internal-scheduler");
  }

  @Test
  void aScheduleCreatedWithAnIdempotencyKeyIsMadeOnceAndReplayed() {
    String body = json(Map.of("name", "once", "blueprint", "hello", "cron", "0 3 * * *"));
    Res first =
        t.send(
            "POST",
            "/api/v1/schedules",
            body,
            "X-Avtomatika-Token",
            "alice-token",
            "Idempotency-Key",
            "k-1");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    Res again =
        t.send(
            "POST",
            "/api/v1/schedules",
            body,
            "X-Avtomatika-Token",
            "alice-token",
            "Idempotency-Key",
            "k-1");
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(again.json().path("id").asString()).isEqualTo(first.json().path("id").asString());
    assertThat(t.engine.schedules().list()).hasSize(1);

    Res otherName =
        t.send(
            "POST",
            "/api/v1/schedules",
            json(Map.of("name", "other", "blueprint", "hello", "cron", "0 3 * * *")),
            "X-Avtomatika-Token",
            "alice-token",
            "Idempotency-Key",
            "k-1");
    assertThat(otherName.status()).as(otherName.body()).isEqualTo(422);
    assertThat(otherName.error()).contains("key 'k-1' was used for the schedule 'once'");

    Res bad =
        t.send(
            "POST",
            "/api/v1/schedules",
            body,
            "X-Avtomatika-Token",
            "alice-token",
            "Idempotency-Key",
            "");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(t.engine.schedules().list()).hasSize(1);
  }
}
