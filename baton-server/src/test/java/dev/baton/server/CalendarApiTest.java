package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.TestServer.Res;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The calendar routes over HTTP, and a schedule that names a calendar, previewed. */
class CalendarApiTest {
  static final String ICS =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Baton//test//EN\r\nBEGIN:VEVENT\r\nUID:x\r\n"
          + "DTSTART;VALUE=DATE:20301225\r\nDTEND;VALUE=DATE:20301227\r\nRRULE:FREQ=YEARLY\r\n"
          + "SUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

  TestServer t;

  @BeforeEach
  void start() {
    t = new TestServer();
  }

  @AfterEach
  void stop() {
    t.close();
  }

  static Map<String, Object> polish() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("timezone", "Europe/Warsaw");
    m.put("working_days", "mon-fri");
    m.put("holidays", List.of(Map.of("date", "2030-12-24", "name", "Wigilia")));
    m.put("ics", ICS);
    m.put("hours", List.of("09:00-17:00"));
    return m;
  }

  @Test
  void aCalendarIsCreatedReadReplacedListedAndDeleted() {
    Res created = t.send("PUT", "/api/v1/calendars/pl", json(polish()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("working_days").toString())
        .isEqualTo("[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]");
    assertThat(created.json().path("ics").asString()).isEqualTo(ICS);

    Map<String, Object> changed = polish();
    changed.put("hours", List.of("08:00-16:00"));
    Res replaced = t.send("PUT", "/api/v1/calendars/pl", json(changed));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(t.get("/api/v1/calendars/pl").json().path("hours").get(0).asString())
        .isEqualTo("08:00-16:00");

    Map<String, Object> us =
        new LinkedHashMap<>(Map.of("name", "us", "timezone", "America/New_York"));
    assertThat(t.post("/api/v1/calendars", json(us)).status()).isEqualTo(201);
    Res again = t.post("/api/v1/calendars", json(us));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("a calendar named 'us' already exists");
    JsonNode list = t.get("/api/v1/calendars").json();
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.get(0).path("name").asString()).isEqualTo("pl");
    assertThat(list.get(1).path("name").asString()).isEqualTo("us");

    JsonNode days = t.get("/api/v1/calendars/pl/days?from=2031-12-23&count=5").json();
    assertThat(days.path("days").findValuesAsString("date"))
        .containsExactly("2031-12-23", "2031-12-24", "2031-12-25", "2031-12-26", "2031-12-27");
    assertThat(days.path("days").get(0).path("working").asBoolean()).isTrue();
    assertThat(days.path("days").get(0).path("hours").get(0).asString()).isEqualTo("08:00-16:00");
    assertThat(days.path("days").get(2).path("holiday").asString()).isEqualTo("Christmas");
    assertThat(days.path("days").get(4).path("working").asBoolean()).isFalse(); // Saturday

    assertThat(t.send("DELETE", "/api/v1/calendars/us", null).status()).isEqualTo(204);
    assertThat(t.get("/api/v1/calendars/us").status()).isEqualTo(404);
    assertThat(t.send("DELETE", "/api/v1/calendars/us", null).status()).isEqualTo(404);
  }

  @Test
  void badCalendarsAreRefusedWithWhatAndWhere() {
    assertRefused(
        Map.of("timezone", "Mars/Olympus"), 400, "timezone: unknown time zone 'Mars/Olympus'");
    assertRefused(
        Map.of("working_days", List.of("mon", "funday")),
        400,
        "working_days[1]: unknown day 'funday'");
    assertRefused(
        Map.of("hours", List.of("09:00-17:00", "16:00-18:00")),
        400,
        "hours: 09:00-17:00 and 16:00-18:00 overlap");
    assertRefused(
        Map.of("holidays", List.of("24.12.2030")), 400, "holidays[0]: '24.12.2030' is not a date");
    assertRefused(
        Map.of("ics", "BEGIN:VEVENT\r\nEND:VEVENT\r\n"), 400, "ics: not an iCalendar file");
    assertRefused(
        Map.of("ics", ICS.replace("DTSTART;VALUE=DATE:20301225", "DTSTART:tomorrow")),
        400,
        "ics: event 1 ('Christmas') has no valid DTSTART");
    assertRefused(Map.of("timzone", "UTC"), 400, "unknown field 'timzone'");
    assertRefused(
        Map.of("name", "other"),
        400,
        "name: the body names 'other' but the calendar addressed is 'bad'");
    assertThat(t.get("/api/v1/calendars").json().size()).isZero();
  }

  void assertRefused(Map<String, ?> body, int status, String message) {
    Res r = t.send("PUT", "/api/v1/calendars/bad", json(body));
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().path("error").asString()).contains(message);
  }

  @Test
  void aSchedulesPreviewShowsWhatItsCalendarDidAndWhy() {
    t.send("PUT", "/api/v1/calendars/pl", json(polish()));
    Map<String, Object> schedule = new LinkedHashMap<>();
    schedule.put("name", "report");
    schedule.put("blueprint", "hello");
    schedule.put("daily_at", "10:00");
    schedule.put("timezone", "Europe/Warsaw");
    schedule.put("start_at", "2030-12-23T00:00:00+01:00");
    schedule.put("calendar", "pl");
    schedule.put("calendar_policy", "next_working_time");
    Res created = t.post("/api/v1/schedules", json(schedule));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("calendar").asString()).isEqualTo("pl");
    assertThat(created.json().path("calendar_policy").asString()).isEqualTo("next_working_time");

    JsonNode preview = t.get("/api/v1/schedules/report/preview?count=3").json();
    assertThat(preview.path("fire_times").toString())
        .isEqualTo("[\"2030-12-23T09:00:00Z\",\"2030-12-27T09:00:00Z\",\"2030-12-30T09:00:00Z\"]");
    JsonNode effects = preview.path("calendar_effects");
    assertThat(effects.findValuesAsString("planned_at"))
        .containsExactly(
            "2030-12-24T09:00:00Z",
            "2030-12-25T09:00:00Z",
            "2030-12-26T09:00:00Z",
            "2030-12-28T09:00:00Z",
            "2030-12-29T09:00:00Z");
    assertThat(effects.get(0).path("fire_at").asString()).isEqualTo("2030-12-27T09:00:00Z");
    assertThat(effects.get(0).path("reason").asString())
        .isEqualTo("2030-12-24 is a holiday (Wigilia): moved to the next working time");
    assertThat(effects.get(1).path("reason").asString())
        .isEqualTo("2030-12-25 is a holiday (Christmas): moved to the next working time");

    // The same without saving, and with skip: the skipped fires have no fire_at.
    schedule.put("calendar_policy", "skip");
    JsonNode skip = t.post("/api/v1/schedules/preview?count=2", json(schedule)).json();
    assertThat(skip.path("fire_times").toString())
        .isEqualTo("[\"2030-12-23T09:00:00Z\",\"2030-12-27T09:00:00Z\"]");
    assertThat(skip.path("calendar_effects").get(0).path("fire_at").isNull()).isTrue();
    assertThat(skip.path("calendar_effects").get(0).path("reason").asString())
        .endsWith(": skipped");

    Res inUse = t.send("DELETE", "/api/v1/calendars/pl", null);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.body()).contains("calendar 'pl' is named by schedule(s) report");
  }

  @Test
  void aScheduleNamingACalendarThatDoesNotExistIsRefused() {
    Map<String, Object> schedule = new LinkedHashMap<>();
    schedule.put("name", "report");
    schedule.put("blueprint", "hello");
    schedule.put("daily_at", "10:00");
    schedule.put("calendar", "nowhere");
    for (String path : List.of("/api/v1/schedules", "/api/v1/schedules/preview")) {
      Res r = t.post(path, json(schedule));
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.json().path("error").asString())
          .startsWith("calendar: no calendar named 'nowhere' (schedule ");
    }
    schedule.put("calendar_policy", "skip");
    schedule.remove("calendar");
    Res r = t.post("/api/v1/schedules", json(schedule));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").asString()).startsWith("calendar_policy: set calendar too");
  }
}
