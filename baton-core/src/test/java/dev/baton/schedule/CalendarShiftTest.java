package dev.baton.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Each calendar policy on the fires of real timings, across year ends and the DST changes of
 * Europe/Warsaw (29 March and 25 October 2026) and America/New_York (8 March and 1 November 2026).
 */
class CalendarShiftTest {
  static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  /** Polish working days with the year-end holidays, 09:00-17:00. */
  static BusinessCalendar polish(String... hours) {
    return CalendarMaps.parse(
        "pl",
        Map.of(
            "timezone",
            "Europe/Warsaw",
            "working_days",
            "mon-fri",
            "holidays",
            List.of(
                Map.of("date", "2026-12-24", "name", "Wigilia"),
                "2026-12-25",
                "2026-12-26",
                Map.of("date", "2027-01-01", "name", "Nowy Rok"),
                "2027-01-06"),
            "hours",
            List.of(hours.length == 0 ? "09:00-17:00" : hours[0])),
        ZoneId.of("UTC"));
  }

  static Instant local(String text, ZoneId zone) {
    return LocalDateTime.parse(text).atZone(zone).toInstant();
  }

  static List<String> fires(
      Timing timing, ZoneId zone, @Nullable CalendarShift shift, String from, int n) {
    return FireTimes.preview(timing, zone, DstPolicy.SHIFT, shift, local(from, zone), n).stream()
        .map(t -> LocalDateTime.ofInstant(t, zone).toString())
        .toList();
  }

  static Timing daily(String at) {
    return TimingMaps.fromSpec(Map.of("daily_at", at), WARSAW, Instant.EPOCH);
  }

  static Timing cron(String expression) {
    return TimingMaps.fromSpec(Map.of("cron", expression), WARSAW, Instant.EPOCH);
  }

  @Test
  void skipDropsHolidaysAndWeekendsAcrossTheYearEnd() {
    CalendarShift skip = new CalendarShift(polish(), CalendarPolicy.SKIP);
    assertThat(fires(daily("10:00"), WARSAW, skip, "2026-12-22T12:00", 6))
        .containsExactly(
            "2026-12-23T10:00",
            "2026-12-28T10:00", // 24-26 holidays, 27 Sunday
            "2026-12-29T10:00",
            "2026-12-30T10:00",
            "2026-12-31T10:00",
            "2027-01-04T10:00"); // 1 January holiday, 2-3 weekend
  }

  @Test
  void skipDropsFiresOutsideWorkingHoursWithoutWalkingEachOne() {
    CalendarShift skip = new CalendarShift(polish(), CalendarPolicy.SKIP);
    // Every minute: the first fire after Friday evening is Monday's opening.
    assertThat(fires(cron("* * * * *"), WARSAW, skip, "2027-01-08T16:58", 4))
        .containsExactly(
            "2027-01-08T16:59", "2027-01-08T17:00", "2027-01-11T09:00", "2027-01-11T09:01");
  }

  @Test
  void nextWorkingTimeKeepsTheTimeOfDayOnTheNextWorkingDayAndFiresOnce() {
    CalendarShift next = new CalendarShift(polish(), CalendarPolicy.NEXT_WORKING_TIME);
    // 24, 25, 26 (holidays) and 27 (Sunday) all move to Monday 28 December 10:00: one fire.
    assertThat(fires(daily("10:00"), WARSAW, next, "2026-12-22T12:00", 4))
        .containsExactly(
            "2026-12-23T10:00", "2026-12-28T10:00", "2026-12-29T10:00", "2026-12-30T10:00");
    // Across the year end: 1 January (holiday) and the weekend move to Monday 4 January.
    assertThat(fires(daily("10:00"), WARSAW, next, "2026-12-31T12:00", 2))
        .containsExactly("2027-01-04T10:00", "2027-01-05T10:00");
  }

  @Test
  void nextWorkingTimeBringsAnEarlyOrLateFireToAnOpening() {
    CalendarShift next = new CalendarShift(polish(), CalendarPolicy.NEXT_WORKING_TIME);
    assertThat(fires(daily("07:00"), WARSAW, next, "2027-01-07T12:00", 2))
        .containsExactly("2027-01-08T09:00", "2027-01-11T09:00");
    // 18:00 on a working day moves to the next working day's opening. On a non-working day it
    // moves to the next working day, at its closing since 18:00 is after the hours: 6 January
    // (a holiday) lands on Thursday 7th at 17:00, and Saturday and Sunday on Monday at 17:00.
    assertThat(fires(daily("18:00"), WARSAW, next, "2027-01-07T12:00", 4))
        .containsExactly(
            "2027-01-07T17:00", "2027-01-08T09:00", "2027-01-11T09:00", "2027-01-11T17:00");
  }

  @Test
  void nextWorkingTimeSeesAFireMovedFromBeforeItsStart() {
    // A Saturday fire moved to Monday 10:00 is still to come on Monday at 09:30.
    CalendarShift next = new CalendarShift(polish(), CalendarPolicy.NEXT_WORKING_TIME);
    Timing saturdays = cron("0 10 * * SAT");
    assertThat(fires(saturdays, WARSAW, next, "2027-01-11T09:30", 1))
        .containsExactly("2027-01-11T10:00");
  }

  @Test
  void previousWorkingTimeMovesBackAcrossTheYearEnd() {
    CalendarShift previous = new CalendarShift(polish(), CalendarPolicy.PREVIOUS_WORKING_TIME);
    // Monthly on the 1st: 1 January 2027 is a holiday, so it fires on 31 December 2026.
    Timing firsts =
        TimingMaps.fromSpec(
            Map.of("monthly_dates", List.of(1L), "time", "10:00"), WARSAW, Instant.EPOCH);
    assertThat(fires(firsts, WARSAW, previous, "2026-11-15T00:00", 3))
        .containsExactly("2026-12-01T10:00", "2026-12-31T10:00", "2027-02-01T10:00");
    // A fire after the hours moves to the closing; one before them to the previous closing.
    assertThat(fires(daily("19:00"), WARSAW, previous, "2027-01-07T12:00", 1))
        .containsExactly("2027-01-07T17:00");
    // Friday 06:00 moves to Thursday's closing; Saturday's and Sunday's 06:00 to Friday, at its
    // opening (06:00 is before the hours); Monday's to Friday's closing.
    assertThat(fires(daily("06:00"), WARSAW, previous, "2027-01-07T12:00", 3))
        .containsExactly("2027-01-07T17:00", "2027-01-08T09:00", "2027-01-08T17:00");
  }

  @Test
  void previousWorkingTimeFindsAFireMovedAheadOfALaterOne() {
    // Sunday 10:00 moves back to Friday 10:00, which comes before Friday's own 14:00 fire.
    CalendarShift previous = new CalendarShift(polish(), CalendarPolicy.PREVIOUS_WORKING_TIME);
    Timing twice = cron("0 10,14 * * FRI,SUN");
    Timing sundays = cron("0 10 * * SUN");
    assertThat(fires(sundays, WARSAW, previous, "2027-01-08T09:00", 2))
        .containsExactly("2027-01-08T10:00", "2027-01-15T10:00");
    // Friday 10:00 and Sunday 10:00 land on the same instant and fire once.
    assertThat(fires(twice, WARSAW, previous, "2027-01-08T09:00", 3))
        .containsExactly("2027-01-08T10:00", "2027-01-08T14:00", "2027-01-15T10:00");
  }

  @Test
  void aFireMovedIntoASpringForwardGapFiresAtTheJump() {
    // A calendar working on Sundays only, whole days: Saturday 28 March 02:30 moves to Sunday
    // 29 March 02:30, which does not exist in Warsaw: it fires at the jump, 03:00.
    BusinessCalendar sundays =
        CalendarMaps.parse(
            "sun", Map.of("timezone", "Europe/Warsaw", "working_days", List.of("sun")), WARSAW);
    CalendarShift next = new CalendarShift(sundays, CalendarPolicy.NEXT_WORKING_TIME);
    assertThat(fires(daily("02:30"), WARSAW, next, "2026-03-27T12:00", 2))
        .containsExactly("2026-03-29T03:00", "2026-04-05T02:30");
  }

  @Test
  void daylightSavingChangesInWarsawKeepWorkingHoursLocal() {
    CalendarShift skip = new CalendarShift(polish(), CalendarPolicy.SKIP);
    // Hourly around the autumn change (Sunday 25 October): Friday 17:00 then Monday 09:00 local,
    // 64 hours apart in real time (one more than the local clock says).
    List<Instant> fires =
        FireTimes.preview(
            cron("0 * * * *"), WARSAW, DstPolicy.SHIFT, skip, local("2026-10-23T16:30", WARSAW), 3);
    assertThat(fires)
        .containsExactly(
            local("2026-10-23T17:00", WARSAW),
            local("2026-10-26T09:00", WARSAW),
            local("2026-10-26T10:00", WARSAW));
    assertThat(java.time.Duration.between(fires.get(0), fires.get(1)).toHours()).isEqualTo(65);
  }

  @Test
  void newYorkSpringForwardAndFallBackWithACalendarInItsZone() {
    BusinessCalendar us =
        CalendarMaps.parse(
            "us",
            Map.of(
                "timezone",
                "America/New_York",
                "working_days",
                List.of("sun", "mon"),
                "holidays",
                List.of("2026-11-02"),
                "hours",
                List.of("01:00-03:00")),
            WARSAW);
    Timing at0230 = TimingMaps.fromSpec(Map.of("daily_at", "02:30"), NEW_YORK, Instant.EPOCH);
    // 8 March (Sunday): 02:30 does not exist; the timing fires at the jump (03:00), the closing.
    CalendarShift skip = new CalendarShift(us, CalendarPolicy.SKIP);
    assertThat(fires(at0230, NEW_YORK, skip, "2026-03-07T12:00", 2))
        .containsExactly("2026-03-08T03:00", "2026-03-09T02:30");
    // 1 November (Sunday): 01:00-03:00 has a repeated hour; 02:30 fires once. Monday 2 November
    // is a holiday: moved back, it lands on Sunday 1 November 02:30, the same instant: once.
    CalendarShift previous = new CalendarShift(us, CalendarPolicy.PREVIOUS_WORKING_TIME);
    assertThat(fires(at0230, NEW_YORK, previous, "2026-10-31T12:00", 2))
        .containsExactly("2026-11-01T02:30", "2026-11-08T02:30");
  }

  @Test
  void theCalendarsZoneDecidesWhatIsWorkingTime() {
    // 23:30 in New York is 05:30 the next day in Warsaw: Friday evening in New York is Saturday
    // in Warsaw, a non-working day there.
    CalendarShift skip = new CalendarShift(polish("00:00-24:00"), CalendarPolicy.SKIP);
    Timing late = TimingMaps.fromSpec(Map.of("daily_at", "23:30"), NEW_YORK, Instant.EPOCH);
    assertThat(fires(late, NEW_YORK, skip, "2027-01-07T12:00", 3))
        .containsExactly("2027-01-07T23:30", "2027-01-10T23:30", "2027-01-11T23:30");
  }

  @Test
  void effectsSayWhatHappenedToEachPlannedFireAndWhy() {
    CalendarShift next = new CalendarShift(polish(), CalendarPolicy.NEXT_WORKING_TIME);
    List<CalendarShift.Effect> effects =
        FireTimes.effects(
            daily("10:00"),
            WARSAW,
            DstPolicy.SHIFT,
            next,
            local("2026-12-23T12:00", WARSAW),
            local("2026-12-28T10:00", WARSAW),
            100);
    assertThat(effects).hasSize(4);
    assertThat(effects.get(0).plannedAt()).isEqualTo(local("2026-12-24T10:00", WARSAW));
    assertThat(effects.get(0).firesAt()).isEqualTo(local("2026-12-28T10:00", WARSAW));
    assertThat(effects.get(0).reason())
        .isEqualTo("2026-12-24 is a holiday (Wigilia): moved to the next working time");
    assertThat(effects.get(3).reason())
        .isEqualTo("Sunday 2026-12-27 is not a working day: moved to the next working time");
    CalendarShift skip = new CalendarShift(polish(), CalendarPolicy.SKIP);
    assertThat(skip.effect(local("2027-01-05T18:00", WARSAW)).orElseThrow().reason())
        .isEqualTo("18:00 on 2027-01-05 is outside the working hours 09:00-17:00: skipped");
    assertThat(skip.effect(local("2027-01-05T17:00", WARSAW))).isEmpty();
  }

  @Test
  void aTimingThatOnlyFiresOnNonWorkingTimeNeverFires() {
    CalendarShift skip = new CalendarShift(polish(), CalendarPolicy.SKIP);
    assertThat(
            FireTimes.next(
                cron("0 10 * * SAT"),
                WARSAW,
                local("2027-01-01T00:00", WARSAW),
                DstPolicy.SHIFT,
                skip))
        .isEmpty();
  }
}
