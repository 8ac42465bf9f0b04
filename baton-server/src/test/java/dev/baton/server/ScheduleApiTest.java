package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.server.TestServer.Res;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ScheduleApiTest {
  TestServer t;

  @BeforeEach
  void start() {
    t = new TestServer();
  }

  @AfterEach
  void stop() {
    t.close();
  }

  JsonNode create(Map<String, ?> body) {
    Res r = t.post("/api/v1/schedules", json(body));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  @Test
  void aScheduleIsCreatedReadChangedPausedResumedAndDeleted() {
    JsonNode s =
        create(
            Map.of(
                "name",
                "nightly",
                "blueprint",
                "hello",
                "input_data",
                Map.of("n", 1),
                "cron",
                "0 2 * * *",
                "timezone",
                "Europe/Warsaw",
                "overlap",
                "queue"));
    String id = s.path("id").asString();
    assertThat(s.path("timing").path("cron").asString()).isEqualTo("0 2 * * *");
    assertThat(s.path("target").path("blueprint").asString()).isEqualTo("hello");
    assertThat(s.path("overlap").asString()).isEqualTo("queue");
    assertThat(s.path("dst").asString()).isEqualTo("shift");
    assertThat(s.path("missed").path("policy").asString()).isEqualTo("all");
    assertThat(
            Instant.parse(s.path("next_run_at").asString())
                .atZone(java.time.ZoneId.of("Europe/Warsaw"))
                .getHour())
        .isEqualTo(2);

    assertThat(t.get("/api/v1/schedules/nightly").json().path("id").asString()).isEqualTo(id);
    assertThat(t.get("/api/v1/schedules").json().size()).isEqualTo(1);

    Res changed = t.send("PATCH", "/api/v1/schedules/" + id, json(Map.of("daily_at", "03:15")));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().path("timing").path("daily_at").asString()).isEqualTo("03:15");
    assertThat(changed.json().path("version").asInt()).isEqualTo(2);

    assertThat(t.post("/api/v1/schedules/" + id + "/pause", "").json().path("enabled").asBoolean())
        .isFalse();
    assertThat(t.post("/api/v1/schedules/" + id + "/resume", "").json().path("enabled").asBoolean())
        .isTrue();

    Res preview = t.get("/api/v1/schedules/" + id + "/preview?count=3");
    assertThat(preview.json().path("fire_times").size()).isEqualTo(3);

    assertThat(t.send("DELETE", "/api/v1/schedules/" + id, null).status()).isEqualTo(204);
    assertThat(t.get("/api/v1/schedules/" + id).status()).isEqualTo(404);
  }

  @Test
  void triggerStartsAJobNowAndTheRunsSayWhich() {
    create(Map.of("name", "r", "blueprint", "hello", "cron", "0 0 1 1 *"));
    Res run = t.post("/api/v1/schedules/r/trigger", "");
    assertThat(run.status()).as(run.body()).isEqualTo(201);
    assertThat(run.json().path("outcome").asString()).isEqualTo("triggered");
    String jobId = run.json().path("job_id").asString();
    assertThat(t.job(jobId).path("status").asString()).isEqualTo("waiting_for_worker");
    JsonNode runs = t.get("/api/v1/schedules/r/runs").json();
    assertThat(runs.size()).isEqualTo(1);
    assertThat(runs.get(0).path("job_id").asString()).isEqualTo(jobId);
    assertThat(t.get("/api/v1/schedules/r").json().path("run_count").asInt()).isEqualTo(1);
  }

  @Test
  void theSchedulerFiresOnItsOwnWithinMillisecondsOfTheDueTime() {
    t.engine.start();
    create(
        Map.of(
            "name",
            "every-second",
            "blueprint",
            "hello",
            "interval_seconds",
            1,
            "overlap",
            "allow"));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> t.get("/api/v1/schedules/every-second/runs").json().size() >= 2);
    for (JsonNode run : t.get("/api/v1/schedules/every-second/runs").json()) {
      assertThat(run.path("outcome").asString()).isEqualTo("started");
      // Generous for a shared machine; the benchmark measures the real figure.
      assertThat(run.path("lateness_ms").asLong()).isLessThan(500);
    }
  }

  @Test
  void aDefinitionCanBePreviewedWithoutSavingIt() {
    Res r =
        t.post(
            "/api/v1/schedules/preview?count=2",
            json(Map.of("cron", "30 2 * * *", "timezone", "Europe/Warsaw")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("fire_times").size()).isEqualTo(2);
    assertThat(t.get("/api/v1/schedules").json().size()).isZero();
  }

  @Test
  void badSchedulesGetA400ThatNamesTheKeyAndADuplicateNameA409() {
    Map<String, String> cases =
        Map.of(
            "{\"name\":\"x\",\"blueprint\":\"hello\",\"cron\":\"* * *\"}", "cron",
            "{\"name\":\"x\",\"blueprint\":\"hello\",\"cron\":\"0 25 * * *\"}", "hour",
            "{\"name\":\"x\",\"blueprint\":\"nope\",\"cron\":\"0 1 * * *\"}", "not registered",
            "{\"name\":\"x\",\"cron\":\"0 1 * * *\"}", "blueprint: required",
            "{\"name\":\"x\",\"blueprint\":\"hello\",\"interval_seconds\":0}", "interval_seconds",
            "{\"name\":\"x\",\"blueprint\":\"hello\",\"daily_at\":\"9h\"}", "daily_at",
            "{\"name\":\"x\",\"blueprint\":\"hello\",\"cron\":\"0 1 * * *\",\"priority\":1.5}",
                "priority");
    cases.forEach((body, message) -> {
      Res r = t.post("/api/v1/schedules", body);
      assertThat(r.status()).as(body + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().path("error").asString()).as(body).contains(message);
    });
    create(Map.of("name", "dup", "blueprint", "hello", "cron", "0 1 * * *"));
    Res again =
        t.post(
            "/api/v1/schedules",
            json(Map.of("name", "dup", "blueprint", "hello", "cron", "0 2 * * *")));
    assertThat(again.status()).isEqualTo(409);
    assertThat(t.get("/api/v1/schedules/none").status()).isEqualTo(404);
    assertThat(t.get("/api/v1/schedules/dup/preview?count=0").status()).isEqualTo(400);
  }

  @Test
  void unknownKeysAreRefusedAsTheJobRoutesRefuseThem() {
    create(Map.of("name", "s", "blueprint", "hello", "cron", "0 1 * * *"));
    String typo =
        "{\"name\":\"x\",\"blueprint\":\"hello\",\"cron\":\"0 1 * * *\",\"timzone\":\"UTC\"}";
    for (String[] route :
        List.of(
            new String[] {"POST", "/api/v1/schedules"},
            new String[] {"POST", "/api/v1/schedules/preview"},
            new String[] {"PATCH", "/api/v1/schedules/s"})) {
      Res r = t.send(route[0], route[1], typo, "Content-Type", "application/json");
      assertThat(r.status()).as(route[1] + ": " + r.body()).isEqualTo(400);
      assertThat(r.json().path("error").asString())
          .startsWith("unknown field 'timzone'; expected ")
          .contains("timezone");
    }
    Res nested =
        t.post(
            "/api/v1/schedules",
            "{\"name\":\"y\",\"target\":{\"blueprint\":\"hello\",\"input\":{}},"
                + "\"cron\":\"0 1 * * *\"}");
    assertThat(nested.status()).isEqualTo(400);
    assertThat(nested.json().path("error").asString()).startsWith("unknown field 'target.input'");
    assertThat(t.get("/api/v1/schedules").json().size()).isEqualTo(1);
  }

  @Test
  void noBadInputReachesTheInternalErrorPath() {
    create(Map.of("name", "s", "blueprint", "hello", "cron", "0 1 * * *"));
    List<String> bodies = new ArrayList<>(TestServer.MALFORMED_BODIES);
    bodies.addAll(
        List.of(
            "{\"name\":[],\"blueprint\":{}}",
            "{\"name\":\"y\",\"blueprint\":\"hello\",\"timing\":[]}",
            "{\"name\":\"y\",\"blueprint\":\"hello\",\"cron\":5}",
            "{\"name\":\"y\",\"blueprint\":\"hello\",\"weekly_days\":\"mon\",\"time\":\"x\"}",
            "{\"name\":\"y\",\"blueprint\":\"hello\",\"monthly_dates\":[0],\"time\":\"01:00\"}",
            "{\"name\":\"y\",\"target\":{\"scenario\":\"s\"},\"cron\":\"0 1 * * *\"}",
            "{\"name\":\"y\",\"blueprint\":\"hello\",\"cron\":\"0 1 * * *\",\"missed\":{\"cap\":0}}",
            "{\"name\":\"y\",\"blueprint\":\"hello\",\"cron\":\"0 1 * * *\",\"start_at\":\"soon\"}",
            "{\"name\":\"y\",\"blueprint\":\"hello\",\"once_at\":\"2999-01-01T00:00:00Z\","
                + "\"end_at\":\"2998-01-01T00:00:00Z\"}",
            "{\"name\":\"" + "n".repeat(300) + "\",\"blueprint\":\"hello\",\"cron\":\"@daily\"}"));
    for (String[] route :
        List.of(
            new String[] {"POST", "/api/v1/schedules"},
            new String[] {"POST", "/api/v1/schedules/preview"},
            new String[] {"PATCH", "/api/v1/schedules/s"})) {
      for (String body : bodies) {
        Res r = t.send(route[0], route[1], body, "Content-Type", "application/json");
        // A preview of a valid timing is a 200 whatever its target, and so is an edit that
        // changes nothing ({}); nothing is ever a 500.
        int lowest = !route[1].equals("/api/v1/schedules") && r.status() == 200 ? 200 : 400;
        assertThat(r.status())
            .as(route[1] + " with " + body + ": " + r.body())
            .isBetween(lowest, 499);
      }
    }
  }
}
