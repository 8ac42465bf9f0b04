package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.TaskSpec;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules that name a business calendar, fired by the scheduler on a manual clock: the calendar
 * is applied where fire times are computed, so the missed-fire and overlap policies and the preview
 * see the moved and skipped fires.
 */
class CalendarSchedulesTest {
  static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  EngineFixture f;
  Schedules schedules;
  Calendars calendars;

  @BeforeEach
  void setUp() {
    f = new EngineFixture();
    f.engine.register(
        Blueprint.builder("report")
            .start("make")
            .dispatch("make", TaskSpec.of("work", Map.of()), Map.of("success", "finished"))
            .build());
    schedules = f.engine.schedules();
    calendars = f.engine.calendars();
    calendars.put(
        "pl",
        Map.of(
            "timezone", "Europe/Warsaw",
            "holidays", List.of("2026-12-24", "2026-12-25", "2026-12-26", "2027-01-01"),
            "hours", List.of("08:00-18:00")));
  }

  Schedule daily(String name, String policy, String missed) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("blueprint", "report");
    body.put("daily_at", "09:00");
    body.put("timezone", "Europe/Warsaw");
    body.put("calendar", "pl");
    body.put("calendar_policy", policy);
    body.put("missed", missed);
    body.put("overlap", "allow");
    return schedules.create(body);
  }

  static Instant warsaw(String local) {
    return LocalDateTime.parse(local).atZone(WARSAW).toInstant();
  }

  List<Instant> fired(Schedule s) {
    return schedules.runs(s.id(), 100).stream().map(ScheduleRun::fireAt).sorted().toList();
  }

  /** Ticks the scheduler at every stored next fire up to {@code until}. */
  void runUntil(Instant until) {
    while (true) {
      Instant next =
          schedules.list().stream()
              .map(Schedule::nextRunAt)
              .filter(t -> t != null && !t.isAfter(until))
              .min(Instant::compareTo)
              .orElse(null);
      if (next == null) {
        f.clock.set(until);
        schedules.tick();
        return;
      }
      f.clock.set(next);
      schedules.tick();
    }
  }

  @Test
  void theSchedulerSkipsOrMovesFiresAcrossTheYearEnd() {
    f.clock.set(warsaw("2026-12-22T12:00"));
    Schedule skip = daily("skip", "skip", "all");
    Schedule next = daily("next", "next_working_time", "all");
    Schedule previous = daily("previous", "previous_working_time", "all");
    runUntil(warsaw("2027-01-05T12:00"));

    assertThat(fired(skip))
        .containsExactly(
            warsaw("2026-12-23T09:00"),
            warsaw("2026-12-28T09:00"),
            warsaw("2026-12-29T09:00"),
            warsaw("2026-12-30T09:00"),
            warsaw("2026-12-31T09:00"),
            warsaw("2027-01-04T09:00"),
            warsaw("2027-01-05T09:00"));
    // Moving forward: the holidays and the weekend land on the working day after them, once.
    assertThat(fired(next)).isEqualTo(fired(skip));
    // Moving back: 24-27 December land on the 23rd, 1-3 January on 31 December, once each.
    assertThat(fired(previous)).isEqualTo(fired(skip));
    assertThat(schedules.runs(next.id(), 100)).allMatch(r -> r.jobId() != null);
  }

  @Test
  void downtimeOverAHolidayCatchesUpTheMovedFireOnceUnderEachMissedPolicy() {
    f.clock.set(warsaw("2026-12-23T12:00"));
    Schedule all = daily("all", "next_working_time", "all");
    Schedule last = daily("last", "next_working_time", "last");
    // Down from the 23rd until Monday 28th 10:00: the fires of 24-27 December moved to Monday
    // 09:00, one fire, already an hour late. Both policies run it once.
    f.clock.set(warsaw("2026-12-28T10:00"));
    schedules.tick();
    assertThat(fired(all)).containsExactly(warsaw("2026-12-28T09:00"));
    assertThat(fired(last)).containsExactly(warsaw("2026-12-28T09:00"));
    assertThat(schedules.get("all").orElseThrow().nextRunAt())
        .isEqualTo(warsaw("2026-12-29T09:00"));
  }

  @Test
  void aScheduleInNewYorkFollowsACalendarInWarsawAcrossTheSpringChange() {
    // New York springs forward on 8 March 2026, Warsaw only on 29 March. 02:15 in New York is 08:15
    // in Warsaw before the 8th (working time) and 07:15 after it (before the hours: moved to the
    // 08:00 opening). On the 8th 02:15 does not exist in New York: it fires at the jump, 03:00
    // (08:00 in Warsaw, a Sunday). Moved fires keep their time of day, so Saturday's 08:15 comes
    // after Monday's own fire, which merges with Sunday's at 08:00.
    f.clock.set(LocalDateTime.parse("2026-03-05T12:00").atZone(NEW_YORK).toInstant());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "ny");
    body.put("blueprint", "report");
    body.put("daily_at", "02:15");
    body.put("timezone", "America/New_York");
    body.put("calendar", "pl");
    body.put("calendar_policy", "next_working_time");
    Schedule ny = schedules.create(body);
    assertThat(schedules.preview(ny.id(), 4))
        .containsExactly(
            warsaw("2026-03-06T08:15"),
            warsaw("2026-03-09T08:00"),
            warsaw("2026-03-09T08:15"),
            warsaw("2026-03-10T08:00"));
    Schedules.Preview preview = schedules.previewOf(ny.id(), 2);
    assertThat(preview.effects())
        .extracting(e -> e.reason())
        .containsExactly(
            "Saturday 2026-03-07 is not a working day: moved to the next working time",
            "Sunday 2026-03-08 is not a working day: moved to the next working time",
            "07:15 on 2026-03-09 is outside the working hours 08:00-18:00: moved to the next working"
                + " time");
    assertThat(preview.effects().get(0).firesAt()).isEqualTo(warsaw("2026-03-09T08:15"));
  }

  @Test
  void changingACalendarMovesTheNextFireOfTheSchedulesThatNameIt() {
    f.clock.set(warsaw("2027-01-07T12:00"));
    Schedule s = daily("s", "skip", "all");
    assertThat(s.nextRunAt()).isEqualTo(warsaw("2027-01-08T09:00"));
    calendars.put("pl", Map.of("timezone", "Europe/Warsaw", "holidays", List.of("2027-01-08")));
    assertThat(schedules.get("s").orElseThrow().nextRunAt()).isEqualTo(warsaw("2027-01-11T09:00"));
  }

  @Test
  void aCalendarThatDoesNotExistOrIsInUseIsRefusedWithItsName() {
    f.clock.set(warsaw("2027-01-07T12:00"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "x");
    body.put("blueprint", "report");
    body.put("daily_at", "09:00");
    body.put("calendar", "de");
    assertThatThrownBy(() -> schedules.create(body))
        .isInstanceOf(BatonException.class)
        .hasMessageStartingWith("calendar: no calendar named 'de' (schedule 'x')");
    body.put("calendar", "pl");
    body.put("calendar_policy", "sometimes");
    assertThatThrownBy(() -> schedules.create(body))
        .hasMessageStartingWith("calendar_policy: unknown policy 'sometimes'");
    body.put("calendar_policy", "next_working_time");
    body.remove("daily_at");
    body.put("cron", "*/10 * * * * *");
    assertThatThrownBy(() -> schedules.create(body))
        .hasMessageStartingWith(
            "calendar_policy: next_working_time is for timings that fire at most once a minute");
    body.put("calendar_policy", "skip");
    schedules.create(body);
    assertThatThrownBy(() -> calendars.delete("pl"))
        .isInstanceOf(BatonException.class)
        .hasMessage("calendar 'pl' is named by schedule(s) x; change or delete them first");
    schedules.update("x", nullCalendar());
    assertThat(schedules.get("x").orElseThrow().definition().calendar()).isNull();
    calendars.delete("pl");
    assertThat(calendars.list()).isEmpty();
  }

  static Map<String, Object> nullCalendar() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("calendar", null);
    return m;
  }

  @Test
  void aCalendarWithNoWorkingDayInAYearIsRefused() {
    f.clock.set(warsaw("2027-01-07T12:00"));
    String everyDay =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:d\r\n"
            + "DTSTART;VALUE=DATE:20260101\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Always\r\n"
            + "END:VEVENT\r\nEND:VCALENDAR\r\n";
    assertThatThrownBy(() -> calendars.put("never", Map.of("ics", everyDay)))
        .isInstanceOf(BatonException.class)
        .hasMessage(
            "holidays: calendar 'never' has no working day in the year from 2027-01-07 (every"
                + " working day is a holiday)");
    assertThat(calendars.get("never")).isEmpty();
  }

  @Test
  void aScheduleWhoseEveryFireIsOnNonWorkingTimeIsRefused() {
    f.clock.set(warsaw("2027-01-07T12:00"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "sundays");
    body.put("blueprint", "report");
    body.put("cron", "0 9 * * SUN");
    body.put("calendar", "pl");
    assertThatThrownBy(() -> schedules.create(body))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("and calendar 'pl' (skip) never fires after");
  }
}
