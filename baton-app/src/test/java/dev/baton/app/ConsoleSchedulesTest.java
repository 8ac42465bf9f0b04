package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The console's Schedules panel over plain HTTP, on schedules created through the API: the list, a
 * schedule's fires with their offsets and DST marks, pause, resume and run now through its forms
 * (seen in the store through the API), a forged form and a client refused, a timing tried out.
 *
 * <p>The server's clock is the real one, so the schedule fires on every Sunday of March and October
 * at noon in Warsaw: any ten fires in a row hold all of one of those months, whose last Sunday is
 * past its DST change, so a DST mark is among them whatever the day the test runs.
 */
class ConsoleSchedulesTest {
  private static final String SUNDAYS = "0 12 * 3,10 0";
  private static final String DST_MARK = "DST: (\\+01:00 → \\+02:00|\\+02:00 → \\+01:00)";

  @TempDir Path dir;
  TestApp app;
  final ConsoleForms forms = new ConsoleForms();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private void start(Map<String, String> env) throws Exception {
    Path blueprints = ConsoleForms.waitBlueprint(dir);
    app = TestApp.start(dir.resolve("data"), blueprints, env);
  }

  @Test
  void anOperatorSeesTheFiresInTheSchedulesZonePausesResumesAndRunsItNow() throws Exception {
    start(Map.of());
    String id = createSchedule("warsaw-sundays", SUNDAYS, "Europe/Warsaw");
    createSchedule("hourly", null, null);

    HttpResponse<String> list = get("/console/schedules");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains(">Schedules</a>")
        .contains("href=\"/console/schedules/" + id + "\"")
        .contains("warsaw-sundays", "hourly", "blueprint wait")
        .contains("cron " + SUNDAYS)
        .contains("interval_seconds 3600")
        .contains("Europe/Warsaw")
        .containsPattern("12:00:00 \\+0[12]:00")
        .doesNotContain("style=");

    HttpResponse<String> page = get("/console/schedules/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Fire (Europe/Warsaw)")
        .containsPattern("\\d{4}-(03|10)-\\d\\d 12:00:00</td><td>\\+0[12]:00</td>")
        .containsPattern(DST_MARK)
        .contains("It has not run yet.");
    String csrf = csrf(page.body());

    HttpResponse<String> forged = post("/console/schedules/" + id + "/pause", "_csrf=forged");
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(schedule(id).path("enabled").asBoolean()).isTrue();

    HttpResponse<String> paused = post("/console/schedules/" + id + "/pause", "_csrf=" + csrf);
    assertThat(paused.statusCode()).isEqualTo(303);
    assertThat(paused.headers().firstValue("Location"))
        .hasValue("/console/schedules/" + id + "?done=paused");
    assertThat(schedule(id).path("enabled").asBoolean()).isFalse();
    assertThat(get("/console/schedules/" + id + "?done=paused").body())
        .contains("Paused: it does not fire until resumed")
        .contains(">Resume</button>");
    HttpResponse<String> again = post("/console/schedules/" + id + "/pause", "_csrf=" + csrf);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("is already paused");
    assertThat(post("/console/schedules/" + id + "/resume", "_csrf=" + csrf).statusCode())
        .isEqualTo(303);
    assertThat(schedule(id).path("enabled").asBoolean()).isTrue();

    HttpResponse<String> ran = post("/console/schedules/" + id + "/trigger", "_csrf=" + csrf);
    assertThat(ran.statusCode()).isEqualTo(303);
    JsonNode runs =
        TestApp.JSON.readTree(app.send("GET", "/api/v1/schedules/" + id + "/runs", null).body());
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).path("outcome").asString()).isEqualTo("triggered");
    String job = runs.get(0).path("job_id").asString();
    long lateness = runs.get(0).path("lateness_ms").asLong();
    HttpResponse<String> after = get("/console/schedules/" + id + "?done=triggered");
    assertThat(after.body())
        .contains("Run started now")
        .contains("<a href=\"/console/jobs/" + job + "\">" + job + "</a>")
        .contains("<td>" + lateness + " ms</td><td>triggered</td>");
    assertThat(app.job(job).path("status").asString()).isEqualTo("waiting_for_worker");

    HttpResponse<String> ledger =
        app.send("GET", "/api/v1/ledger?type=admin.schedule_trigger", null);
    assertThat(ledger.body()).contains("admin.schedule_trigger").contains(id);

    HttpResponse<String> unconfirmed =
        post("/console/schedules/" + id + "/delete", "_csrf=" + csrf);
    assertThat(unconfirmed.statusCode()).isEqualTo(400);
    assertThat(unconfirmed.body()).contains("Not deleted: tick");
    assertThat(app.send("GET", "/api/v1/schedules/" + id, null).statusCode()).isEqualTo(200);
    assertThat(
            post("/console/schedules/" + id + "/delete", "_csrf=forged&confirm=yes").statusCode())
        .isEqualTo(403);
    HttpResponse<String> deleted =
        post("/console/schedules/" + id + "/delete", "_csrf=" + csrf + "&confirm=yes");
    assertThat(deleted.statusCode()).isEqualTo(303);
    assertThat(deleted.headers().firstValue("Location"))
        .hasValue("/console/schedules?done=deleted");
    assertThat(app.send("GET", "/api/v1/schedules/" + id, null).statusCode()).isEqualTo(404);
    assertThat(app.job(job).path("status").asString()).isEqualTo("waiting_for_worker");
    assertThat(get("/console/schedules?done=deleted").body())
        .contains("Deleted: the schedule fires no more")
        .doesNotContain("/console/schedules/" + id + "\"");
    assertThat(app.send("GET", "/api/v1/ledger?type=admin.schedule_delete", null).body())
        .contains(id);
    assertThat(get("/console/schedules/no-such").statusCode()).isEqualTo(404);
    assertThat(post("/console/schedules/no-such/trigger", "_csrf=" + csrf).statusCode())
        .isEqualTo(404);
  }

  @Test
  void aTimingIsTriedOutBeforeItIsSavedAndABadOneSaysWhy() throws Exception {
    start(Map.of());
    HttpResponse<String> tried =
        post(
            "/console/schedules/preview",
            "cron=" + enc(SUNDAYS) + "&interval_seconds=&timezone=Europe%2FWarsaw&calendar=");
    assertThat(tried.statusCode()).isEqualTo(200);
    assertThat(tried.body())
        .contains("Fire (Europe/Warsaw)")
        .containsPattern(DST_MARK)
        .contains("value=\"" + SUNDAYS + "\"");
    HttpResponse<String> bad = post("/console/schedules/preview", "cron=" + enc("0 25 * * *"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("id=\"preview-problem\"").contains("cron");
    HttpResponse<String> zone =
        post("/console/schedules/preview", "interval_seconds=60&timezone=Mars%2FOlympus");
    assertThat(zone.statusCode()).isEqualTo(400);
    assertThat(zone.body()).contains("Mars/Olympus");
    HttpResponse<String> calendar =
        post("/console/schedules/preview", "interval_seconds=3600&calendar=nowhere");
    assertThat(calendar.statusCode()).isEqualTo(400);
    assertThat(calendar.body()).contains("no calendar named 'nowhere'");
  }

  @Test
  void theFiresABusinessCalendarSkipsAreShownOnTheSchedulesPageAndInAPreview() throws Exception {
    start(Map.of());
    HttpResponse<String> cal =
        app.send(
            "PUT",
            "/api/v1/calendars/weekdays",
            "{\"timezone\":\"Europe/Warsaw\",\"working_days\":\"mon-fri\"}");
    assertThat(cal.statusCode()).as(cal.body()).isBetween(200, 201);
    HttpResponse<String> made =
        app.send(
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"morning\",\"blueprint\":\"wait\",\"cron\":\"0 10 * * *\","
                + "\"timezone\":\"Europe/Warsaw\",\"calendar\":\"weekdays\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String id = TestApp.JSON.readTree(made.body()).path("id").asString();
    // Ten weekday fires span at least one weekend, whose two planned fires are skipped.
    HttpResponse<String> page = get("/console/schedules/" + id);
    assertThat(page.body())
        .contains("weekdays (skip)")
        .contains("What the calendar does to these fires")
        .containsPattern("10:00:00 \\+0[12]:00</td><td>skipped</td>");
    HttpResponse<String> tried =
        post(
            "/console/schedules/preview",
            "cron=" + enc("0 10 * * *") + "&timezone=Europe%2FWarsaw&calendar=weekdays");
    assertThat(tried.statusCode()).isEqualTo(200);
    assertThat(tried.body())
        .contains("What the calendar does to these fires")
        .contains(">skipped<");
  }

  @Test
  void whenTheConsolesActionsNeedAdminAnOperatorSeesTheScheduleButMayNotChangeIt()
      throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [ops]
            token = "ops-token"
            monthly_attempts = 1000
            role = "operator"
            [boss]
            token = "boss-token"
            monthly_attempts = 1000
            role = "admin"
            """);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString(), "BATON_CONSOLE_ACTION_ROLE", "admin"));
    HttpResponse<String> made =
        app.send(
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"nightly\",\"blueprint\":\"wait\",\"cron\":\"0 2 * * *\"}",
            "X-Avtomatika-Token",
            "ops-token");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String id = TestApp.JSON.readTree(made.body()).path("id").asString();
    assertThat(post("/console/login", "token=ops-token").statusCode()).isEqualTo(303);
    HttpResponse<String> page = get("/console/schedules/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    // The forms an operator may not send are not shown; sent anyway, they are refused.
    assertThat(page.body())
        .doesNotContain("action=\"/console/schedules/" + id + "/pause\"")
        .doesNotContain("action=\"/console/schedules/" + id + "/delete\"");
    assertThat(get("/console/schedules").body()).doesNotContain("id=\"new-schedule\"");
    HttpResponse<String> refused =
        post("/console/schedules/" + id + "/pause", "_csrf=" + csrf(page.body()));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("operator actions need admin (BATON_CONSOLE_ACTION_ROLE)");
    assertThat(enabledAs(id)).isTrue();

    ConsoleForms boss = new ConsoleForms();
    assertThat(boss.post(app, "/console/login", "token=boss-token").statusCode()).isEqualTo(303);
    String bossPage = boss.get(app, "/console/schedules/" + id).body();
    assertThat(bossPage).contains("action=\"/console/schedules/" + id + "/pause\"");
    String token = csrf(bossPage);
    assertThat(boss.post(app, "/console/schedules/" + id + "/pause", "_csrf=" + token).statusCode())
        .isEqualTo(303);
    assertThat(enabledAs(id)).isFalse();
  }

  @Test
  void aClientMayNotSeeOrChangeSchedules() throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [ops]
            token = "ops-token"
            monthly_attempts = 1000
            role = "operator"
            [alice]
            token = "alice-token"
            monthly_attempts = 1000
            """);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    HttpResponse<String> made =
        app.send(
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"nightly\",\"blueprint\":\"wait\",\"cron\":\"0 2 * * *\"}",
            "X-Avtomatika-Token",
            "ops-token");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String id = TestApp.JSON.readTree(made.body()).path("id").asString();
    assertThat(post("/console/login", "token=alice-token").statusCode()).isEqualTo(303);
    HttpResponse<String> list = get("/console/schedules");
    assertThat(list.statusCode()).isEqualTo(403);
    assertThat(list.body()).contains("has the role client; this page needs operator");
    String csrf = csrf(get("/console/jobs").body());
    assertThat(post("/console/schedules/" + id + "/pause", "_csrf=" + csrf).statusCode())
        .isEqualTo(403);
    HttpResponse<String> stored =
        app.send("GET", "/api/v1/schedules/" + id, null, "X-Avtomatika-Token", "ops-token");
    assertThat(TestApp.JSON.readTree(stored.body()).path("enabled").asBoolean()).isTrue();
  }

  @Test
  void anOperatorCreatesAndEditsAScheduleAfterPreviewingItsFiresAndBadInputIsNamed()
      throws Exception {
    start(Map.of());
    HttpResponse<String> blank = get("/console/schedules/new");
    assertThat(blank.statusCode()).isEqualTo(200);
    assertThat(blank.body()).contains("name=\"definition\"").contains("nightly-report");
    String csrf = csrf(blank.body());
    String doc =
        "{\"name\":\"sundays\",\"blueprint\":\"wait\",\"cron\":\""
            + SUNDAYS
            + "\",\"timezone\":\"Europe/Warsaw\"}";

    HttpResponse<String> previewed =
        post("/console/schedules/new", "_csrf=" + csrf + "&action=preview&definition=" + enc(doc));
    assertThat(previewed.statusCode()).isEqualTo(200);
    assertThat(previewed.body())
        .contains("Next fires if saved")
        .contains("Fire (Europe/Warsaw)")
        .containsPattern(DST_MARK);
    assertThat(TestApp.JSON.readTree(app.send("GET", "/api/v1/schedules", null).body())).isEmpty();

    HttpResponse<String> forged =
        post("/console/schedules/new", "_csrf=forged&action=save&definition=" + enc(doc));
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> malformed =
        post(
            "/console/schedules/new",
            "_csrf=" + csrf + "&action=save&definition=" + enc("{\"name\": \"x\",}"));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body())
        .contains("id=\"schedule-problem\"")
        .contains("The schedule is not valid JSON at line 1");
    HttpResponse<String> unknownKey =
        post(
            "/console/schedules/new",
            "_csrf="
                + csrf
                + "&action=save&definition="
                + enc(doc.replace("\"timezone\"", "\"time_zone\"")));
    assertThat(unknownKey.statusCode()).isEqualTo(400);
    assertThat(unknownKey.body()).contains("time_zone").contains("Not saved");
    HttpResponse<String> badCron =
        post(
            "/console/schedules/new",
            "_csrf="
                + csrf
                + "&action=preview&definition="
                + enc(doc.replace(SUNDAYS, "0 25 * * *")));
    assertThat(badCron.statusCode()).isEqualTo(400);
    assertThat(badCron.body()).contains("cron").contains("0 25 * * *");
    assertThat(TestApp.JSON.readTree(app.send("GET", "/api/v1/schedules", null).body())).isEmpty();

    HttpResponse<String> saved =
        post("/console/schedules/new", "_csrf=" + csrf + "&action=save&definition=" + enc(doc));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    JsonNode all = TestApp.JSON.readTree(app.send("GET", "/api/v1/schedules", null).body());
    assertThat(all).hasSize(1);
    String id = all.get(0).path("id").asString();
    assertThat(saved.headers().firstValue("Location"))
        .hasValue("/console/schedules/" + id + "?done=created");
    assertThat(schedule(id).path("timezone").asString()).isEqualTo("Europe/Warsaw");
    HttpResponse<String> again =
        post("/console/schedules/new", "_csrf=" + csrf + "&action=save&definition=" + enc(doc));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already exists");

    HttpResponse<String> editor = get("/console/schedules/" + id + "/edit");
    assertThat(editor.statusCode()).isEqualTo(200);
    assertThat(editor.body()).contains("Edit schedule sundays").contains("Europe/Warsaw");
    String edited = "{\"interval_seconds\": 600, \"timezone\": \"UTC\"}";
    HttpResponse<String> updated =
        post(
            "/console/schedules/" + id + "/edit",
            "_csrf=" + csrf + "&action=save&definition=" + enc(edited));
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(303);
    JsonNode after = schedule(id);
    assertThat(after.path("timezone").asString()).isEqualTo("UTC");
    assertThat(after.toString()).contains("600").doesNotContain(SUNDAYS);
    assertThat(get("/console/schedules/" + id + "?done=updated").body())
        .contains("interval_seconds 600");
    HttpResponse<String> ledger = app.send("GET", "/api/v1/ledger?type=admin.schedule_*", null);
    assertThat(ledger.body()).contains("admin.schedule_create").contains("admin.schedule_update");
    assertThat(get("/console/schedules/no-such/edit").statusCode()).isEqualTo(404);
  }

  /** Creates a schedule through the API: a cron one, or one every hour when cron is null. */
  private String createSchedule(String name, String cron, String zone) throws Exception {
    String timing = cron == null ? "\"interval_seconds\":3600" : "\"cron\":\"" + cron + "\"";
    String tz = zone == null ? "" : ",\"timezone\":\"" + zone + "\"";
    HttpResponse<String> r =
        app.send(
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"" + name + "\",\"blueprint\":\"wait\"," + timing + tz + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return TestApp.JSON.readTree(r.body()).path("id").asString();
  }

  private boolean enabledAs(String id) throws Exception {
    HttpResponse<String> r =
        app.send("GET", "/api/v1/schedules/" + id, null, "X-Avtomatika-Token", "ops-token");
    return TestApp.JSON.readTree(r.body()).path("enabled").asBoolean();
  }

  private JsonNode schedule(String id) throws Exception {
    return TestApp.JSON.readTree(app.send("GET", "/api/v1/schedules/" + id, null).body());
  }

  private static String enc(String s) {
    return ConsoleForms.enc(s);
  }

  private static String csrf(String html) {
    return ConsoleForms.csrf(html);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return forms.get(app, path);
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return forms.post(app, path, form);
  }
}
