package dev.baton.schedule;

import static dev.baton.schedule.DstPolicy.SHIFT;
import static dev.baton.schedule.DstPolicy.SKIP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spring-forward and fall-back nights of 2026 in Europe/Warsaw (29 March 02:00→03:00, 25
 * October 03:00→02:00) and America/New_York (8 March 02:00→03:00, 1 November 02:00→01:00). Expected
 * instants are written with the local offset, so each reads as a wall-clock time.
 */
class FireTimesDstTest {
  static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  static List<Instant> fires(Timing timing, ZoneId zone, DstPolicy dst, String from, String to) {
    return FireTimes.between(timing, zone, dst, at(from), at(to), 1000);
  }

  static List<Instant> instants(String... times) {
    return Stream.of(times).map(FireTimesDstTest::at).toList();
  }

  static Stream<Arguments> twoThirtyEveryNight() {
    return Stream.of(
        Arguments.of(Timing.cron("30 2 * * *")), Arguments.of(Timing.daily(LocalTime.of(2, 30))));
  }

  // ----- a local time that does not exist -----

  @ParameterizedTest
  @MethodSource("twoThirtyEveryNight")
  void warsawSpringForwardShiftFiresOnceAtTheJump(Timing timing) {
    assertThat(fires(timing, WARSAW, SHIFT, "2026-03-27T12:00+01:00", "2026-03-30T12:00+02:00"))
        .isEqualTo(
            instants(
                "2026-03-28T02:30+01:00",
                "2026-03-29T03:00+02:00", // 02:30 does not exist: the jump, 01:00 UTC
                "2026-03-30T02:30+02:00"));
  }

  @ParameterizedTest
  @MethodSource("twoThirtyEveryNight")
  void warsawSpringForwardSkipDoesNotFireThatNight(Timing timing) {
    assertThat(fires(timing, WARSAW, SKIP, "2026-03-27T12:00+01:00", "2026-03-30T12:00+02:00"))
        .isEqualTo(instants("2026-03-28T02:30+01:00", "2026-03-30T02:30+02:00"));
  }

  @ParameterizedTest
  @MethodSource("twoThirtyEveryNight")
  void newYorkSpringForward(Timing timing) {
    assertThat(fires(timing, NEW_YORK, SHIFT, "2026-03-07T12:00-05:00", "2026-03-09T12:00-04:00"))
        .isEqualTo(instants("2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00"));
    assertThat(fires(timing, NEW_YORK, SKIP, "2026-03-07T12:00-05:00", "2026-03-09T12:00-04:00"))
        .containsExactly(at("2026-03-09T02:30-04:00"));
  }

  // ----- a local time that occurs twice -----

  @ParameterizedTest
  @MethodSource("twoThirtyEveryNight")
  void warsawFallBackFiresOnceAtTheFirstPass(Timing timing) {
    for (DstPolicy dst : DstPolicy.values()) {
      assertThat(fires(timing, WARSAW, dst, "2026-10-24T12:00+02:00", "2026-10-26T12:00+01:00"))
          .as(dst.name())
          .isEqualTo(instants("2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"));
    }
  }

  @ParameterizedTest
  @MethodSource("twoThirtyEveryNight")
  void askedDuringTheRepeatedHourItDoesNotFireAgain(Timing timing) {
    // 02:15 in summer time: the 02:30 of the first pass is still ahead.
    assertThat(FireTimes.next(timing, WARSAW, at("2026-10-25T02:15+02:00"), SHIFT))
        .contains(at("2026-10-25T02:30+02:00"));
    // 02:15 in winter time, the second pass: 02:30 already fired an hour ago.
    assertThat(FireTimes.next(timing, WARSAW, at("2026-10-25T02:15+01:00"), SHIFT))
        .contains(at("2026-10-26T02:30+01:00"));
    assertThat(FireTimes.next(timing, WARSAW, at("2026-10-25T02:30+02:00"), SKIP))
        .contains(at("2026-10-26T02:30+01:00"));
  }

  @Test
  void newYorkFallBackRepeatsOneOClock() {
    for (DstPolicy dst : DstPolicy.values()) {
      assertThat(
              fires(
                  Timing.cron("30 1 * * *"),
                  NEW_YORK,
                  dst,
                  "2026-10-31T12:00-04:00",
                  "2026-11-02T12:00-05:00"))
          .isEqualTo(instants("2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"));
      // 02:30 exists once in New York that night (the repeated hour is 01:00-01:59).
      assertThat(
              fires(
                  Timing.daily(LocalTime.of(2, 30)),
                  NEW_YORK,
                  dst,
                  "2026-10-31T12:00-04:00",
                  "2026-11-02T12:00-05:00"))
          .isEqualTo(instants("2026-11-01T02:30-05:00", "2026-11-02T02:30-05:00"));
    }
  }

  // ----- frequent crons through both nights -----

  @Test
  void hourlyThroughTheWarsawNights() {
    for (DstPolicy dst : DstPolicy.values()) {
      // Spring: local 02:00 does not exist; the jump and 03:00 are one instant, fired once.
      assertThat(
              fires(
                  Timing.cron("0 * * * *"),
                  WARSAW,
                  dst,
                  "2026-03-28T23:30+01:00",
                  "2026-03-29T04:30+02:00"))
          .as(dst.name())
          .isEqualTo(
              instants(
                  "2026-03-29T00:00+01:00",
                  "2026-03-29T01:00+01:00",
                  "2026-03-29T03:00+02:00",
                  "2026-03-29T04:00+02:00"));
      // Fall: local 02:00 happens twice and fires once, in summer time.
      assertThat(
              fires(
                  Timing.cron("@hourly"),
                  WARSAW,
                  dst,
                  "2026-10-24T23:30+02:00",
                  "2026-10-25T04:30+01:00"))
          .as(dst.name())
          .isEqualTo(
              instants(
                  "2026-10-25T00:00+02:00",
                  "2026-10-25T01:00+02:00",
                  "2026-10-25T02:00+02:00",
                  "2026-10-25T03:00+01:00",
                  "2026-10-25T04:00+01:00"));
    }
  }

  @Test
  void everyFifteenMinutesThroughTheNewYorkNights() {
    Timing quarter = Timing.cron("*/15 * * * *");
    // Spring: 01:45 EST, then 02:00-02:45 do not exist, then 03:00 EDT: 15 real minutes later.
    List<Instant> spring =
        fires(quarter, NEW_YORK, SHIFT, "2026-03-08T01:20-05:00", "2026-03-08T03:35-04:00");
    assertThat(spring)
        .isEqualTo(
            instants(
                "2026-03-08T01:30-05:00",
                "2026-03-08T01:45-05:00",
                "2026-03-08T03:00-04:00",
                "2026-03-08T03:15-04:00",
                "2026-03-08T03:30-04:00"));
    assertThat(fires(quarter, NEW_YORK, SKIP, "2026-03-08T01:20-05:00", "2026-03-08T03:35-04:00"))
        .isEqualTo(spring);
    assertEvenlySpaced(spring, 15);
    // Fall: 01:00-01:45 fire once, in EDT; the repeated hour in EST does not fire again.
    assertThat(fires(quarter, NEW_YORK, SHIFT, "2026-11-01T00:40-04:00", "2026-11-01T02:20-05:00"))
        .isEqualTo(
            instants(
                "2026-11-01T00:45-04:00",
                "2026-11-01T01:00-04:00",
                "2026-11-01T01:15-04:00",
                "2026-11-01T01:30-04:00",
                "2026-11-01T01:45-04:00",
                "2026-11-01T02:00-05:00",
                "2026-11-01T02:15-05:00"))
        .doesNotHaveDuplicates();
  }

  @Test
  void everyFifteenMinutesThroughAWholeWarsawSpringDayHasNoGapAndNoDuplicate() {
    List<Instant> day =
        fires(
            Timing.cron("*/15 * * * *"),
            WARSAW,
            SHIFT,
            "2026-03-28T23:50+01:00",
            "2026-03-29T23:50+02:00");
    // 24 local hours minus the missing one: 23 hours of quarters, every one 15 real minutes apart.
    assertThat(day).hasSize(23 * 4).doesNotHaveDuplicates();
    assertEvenlySpaced(day, 15);
  }

  @Test
  void sixFieldCronWithSeconds() {
    Timing twice = Timing.cron("0,30 30 2 * * *");
    assertThat(fires(twice, WARSAW, SHIFT, "2026-03-28T12:00+01:00", "2026-03-30T12:00+02:00"))
        .isEqualTo(
            instants(
                "2026-03-29T03:00:00+02:00", // 02:30:00 and 02:30:30 both land on the jump
                "2026-03-30T02:30:00+02:00",
                "2026-03-30T02:30:30+02:00"));
    assertThat(fires(twice, WARSAW, SKIP, "2026-03-28T12:00+01:00", "2026-03-30T12:00+02:00"))
        .isEqualTo(instants("2026-03-30T02:30:00+02:00", "2026-03-30T02:30:30+02:00"));
    assertThat(fires(twice, WARSAW, SHIFT, "2026-10-24T12:00+02:00", "2026-10-25T12:00+01:00"))
        .isEqualTo(instants("2026-10-25T02:30:00+02:00", "2026-10-25T02:30:30+02:00"));
    // Every 20 seconds across New York's jump: 01:59:40 EST, then 03:00:00 EDT.
    assertThat(
            fires(
                Timing.cron("*/20 * * * * *"),
                NEW_YORK,
                SHIFT,
                "2026-03-08T01:59:30-05:00",
                "2026-03-08T03:00:30-04:00"))
        .isEqualTo(
            instants(
                "2026-03-08T01:59:40-05:00",
                "2026-03-08T03:00:00-04:00",
                "2026-03-08T03:00:20-04:00"));
  }

  @Test
  void weeklyAndMonthlyFollowTheSameRules() {
    // 29 March 2026 is a Sunday; 1 November 2026 too.
    Timing sundays =
        Timing.weekly(java.util.Set.of(java.time.DayOfWeek.SUNDAY), LocalTime.of(2, 30));
    assertThat(FireTimes.next(sundays, WARSAW, at("2026-03-28T12:00+01:00"), SHIFT))
        .contains(at("2026-03-29T03:00+02:00"));
    assertThat(FireTimes.next(sundays, WARSAW, at("2026-03-28T12:00+01:00"), SKIP))
        .contains(at("2026-04-05T02:30+02:00"));
    Timing eighth = Timing.monthly(List.of(8), LocalTime.of(2, 15));
    assertThat(FireTimes.next(eighth, NEW_YORK, at("2026-03-01T00:00-05:00"), SHIFT))
        .contains(at("2026-03-08T03:00-04:00"));
    assertThat(FireTimes.next(eighth, NEW_YORK, at("2026-03-01T00:00-05:00"), SKIP))
        .contains(at("2026-04-08T02:15-04:00"));
  }

  @Test
  void intervalsIgnoreTheClockChange() {
    // Every 24 real hours from 09:00 the day before: 10:00 local once summer time starts.
    Timing daily24h = Timing.every(java.time.Duration.ofHours(24), at("2026-03-28T09:00+01:00"));
    assertThat(FireTimes.preview(daily24h, WARSAW, SHIFT, at("2026-03-28T08:00+01:00"), 3))
        .isEqualTo(
            instants("2026-03-28T09:00+01:00", "2026-03-29T10:00+02:00", "2026-03-30T10:00+02:00"));
    // Every 15 minutes through the repeated hour keeps firing in both passes.
    Timing quarter = Timing.every(java.time.Duration.ofMinutes(15), at("2026-01-01T00:00Z"));
    assertThat(fires(quarter, WARSAW, SHIFT, "2026-10-25T02:40+02:00", "2026-10-25T02:20+01:00"))
        .isEqualTo(
            instants("2026-10-25T02:45+02:00", "2026-10-25T02:00+01:00", "2026-10-25T02:15+01:00"));
  }

  @Test
  void aCalendarTimingWhoseEveryFireFallsInTheGap() {
    // The last Sunday of March at 02:30 is always inside the EU spring-forward gap.
    Timing timing = Timing.cron("30 2 * 3 0L");
    assertThat(FireTimes.next(timing, WARSAW, at("2026-01-01T00:00+01:00"), SHIFT))
        .contains(at("2026-03-29T03:00+02:00"));
    assertThat(FireTimes.next(timing, WARSAW, at("2026-01-01T00:00+01:00"), SKIP)).isEmpty();
    assertThat(FireTimes.next(timing, NEW_YORK, at("2026-01-01T00:00-05:00"), SKIP))
        .contains(at("2026-03-29T02:30-04:00"));
  }

  static void assertEvenlySpaced(List<Instant> fires, int minutes) {
    for (int i = 1; i < fires.size(); i++) {
      assertThat(java.time.Duration.between(fires.get(i - 1), fires.get(i)))
          .as("between %s and %s", fires.get(i - 1), fires.get(i))
          .isEqualTo(java.time.Duration.ofMinutes(minutes));
    }
  }
}
