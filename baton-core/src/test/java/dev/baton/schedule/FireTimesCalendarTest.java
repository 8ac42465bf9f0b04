package dev.baton.schedule;

import static dev.baton.schedule.DstPolicy.SHIFT;
import static dev.baton.schedule.FireTimesDstTest.at;
import static dev.baton.schedule.FireTimesDstTest.instants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Month ends, leap days, year ends, intervals and one-offs. */
class FireTimesCalendarTest {
  static final ZoneId UTC = ZoneOffset.UTC;
  static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

  static List<Instant> preview(Timing timing, String from, int n) {
    return FireTimes.preview(timing, UTC, SHIFT, at(from), n);
  }

  @Test
  void theThirtyFirstSkipsMonthsWithoutOne() {
    List<Instant> expected =
        instants(
            "2026-01-31T09:00Z",
            "2026-03-31T09:00Z",
            "2026-05-31T09:00Z",
            "2026-07-31T09:00Z",
            "2026-08-31T09:00Z",
            "2026-10-31T09:00Z",
            "2026-12-31T09:00Z",
            "2027-01-31T09:00Z");
    assertThat(preview(Timing.monthly(List.of(31), LocalTime.of(9, 0)), "2026-01-01T00:00Z", 8))
        .isEqualTo(expected);
    assertThat(preview(Timing.cron("0 9 31 * *"), "2026-01-01T00:00Z", 8)).isEqualTo(expected);
    // Asked on 31 March after the fire: April has no 31st.
    assertThat(FireTimes.next(Timing.cron("0 9 31 * *"), UTC, at("2026-03-31T10:00Z"), SHIFT))
        .contains(at("2026-05-31T09:00Z"));
  }

  @Test
  void theLastDayOfEveryMonthIsCronL() {
    assertThat(preview(Timing.cron("0 18 L * *"), "2027-12-31T19:00Z", 4))
        .isEqualTo(
            instants(
                "2028-01-31T18:00Z",
                "2028-02-29T18:00Z",
                "2028-03-31T18:00Z",
                "2028-04-30T18:00Z"));
  }

  @Test
  void februaryTwentyEighthAndTwentyNinth() {
    Timing lateMonth = Timing.monthly(List.of(28, 29, 30), LocalTime.of(0, 0));
    // 2027 is not a leap year: 28 February, then 28, 29, 30 March.
    assertThat(preview(lateMonth, "2027-02-01T00:00Z", 4))
        .isEqualTo(
            instants(
                "2027-02-28T00:00Z",
                "2027-03-28T00:00Z",
                "2027-03-29T00:00Z",
                "2027-03-30T00:00Z"));
    // 2028 is: 28 and 29 February.
    assertThat(preview(lateMonth, "2028-02-01T00:00Z", 3))
        .isEqualTo(instants("2028-02-28T00:00Z", "2028-02-29T00:00Z", "2028-03-28T00:00Z"));
    Timing daily = Timing.daily(LocalTime.of(12, 0));
    assertThat(preview(daily, "2028-02-28T13:00Z", 2))
        .isEqualTo(instants("2028-02-29T12:00Z", "2028-03-01T12:00Z"));
    assertThat(preview(daily, "2027-02-28T13:00Z", 1)).isEqualTo(instants("2027-03-01T12:00Z"));
  }

  @Test
  void leapDayCronWaitsForTheNextLeapYear() {
    Timing leap = Timing.cron("0 12 29 2 *");
    assertThat(FireTimes.next(leap, UTC, at("2026-01-01T00:00Z"), SHIFT))
        .contains(at("2028-02-29T12:00Z"));
    assertThat(FireTimes.next(leap, UTC, at("2028-02-29T12:00Z"), SHIFT))
        .contains(at("2032-02-29T12:00Z"));
    assertThat(FireTimes.next(leap, UTC, at("2028-03-01T00:00Z"), SHIFT))
        .contains(at("2032-02-29T12:00Z"));
    // 2100 is not a leap year.
    assertThat(FireTimes.next(leap, UTC, at("2096-03-01T00:00Z"), SHIFT))
        .contains(at("2104-02-29T12:00Z"));
    assertThat(
            FireTimes.next(
                Timing.monthly(List.of(29), LocalTime.NOON), UTC, at("2027-02-01T00:00Z"), SHIFT))
        .contains(at("2027-03-29T12:00Z"));
  }

  @Test
  void yearEnd() {
    assertThat(preview(Timing.cron("59 23 31 12 *"), "2026-12-31T23:59Z", 1))
        .isEqualTo(instants("2027-12-31T23:59Z"));
    assertThat(preview(Timing.cron("59 59 23 31 12 *"), "2026-12-31T23:58Z", 2))
        .isEqualTo(instants("2026-12-31T23:59:59Z", "2027-12-31T23:59:59Z"));
    assertThat(preview(Timing.daily(LocalTime.MIDNIGHT), "2026-12-31T00:00Z", 2))
        .isEqualTo(instants("2027-01-01T00:00Z", "2027-01-02T00:00Z"));
    // 31 December 2026 is a Thursday.
    assertThat(
            preview(
                Timing.weekly(Set.of(DayOfWeek.THURSDAY), LocalTime.of(10, 0)),
                "2026-12-30T00:00Z",
                2))
        .isEqualTo(instants("2026-12-31T10:00Z", "2027-01-07T10:00Z"));
    assertThat(preview(Timing.cron("@yearly"), "2026-06-01T00:00Z", 2))
        .isEqualTo(instants("2027-01-01T00:00Z", "2028-01-01T00:00Z"));
    // In a zone: new year in Warsaw is 23:00 UTC.
    assertThat(FireTimes.next(Timing.cron("@yearly"), WARSAW, at("2026-06-01T00:00Z"), SHIFT))
        .contains(at("2026-12-31T23:00Z"));
  }

  @Test
  void weeklyOnSeveralDays() {
    Timing weekly =
        Timing.weekly(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 30));
    // 1 January 2026 is a Thursday.
    assertThat(preview(weekly, "2026-01-01T00:00Z", 4))
        .isEqualTo(
            instants(
                "2026-01-02T08:30Z",
                "2026-01-05T08:30Z",
                "2026-01-07T08:30Z",
                "2026-01-09T08:30Z"));
  }

  @Test
  void intervalsAreAnchoredAndDoNotDrift() {
    Timing every90s = Timing.every(Duration.ofSeconds(90), at("2026-01-01T00:00:10Z"));
    assertThat(FireTimes.next(every90s, UTC, at("2025-12-31T00:00Z"), SHIFT))
        .contains(at("2026-01-01T00:00:10Z"));
    assertThat(FireTimes.next(every90s, UTC, at("2026-01-01T00:00:10Z"), SHIFT))
        .contains(at("2026-01-01T00:01:40Z"));
    // A year later, still on the grid: 10 s + k × 90 s.
    Instant later = FireTimes.next(every90s, UTC, at("2027-01-01T00:00Z"), SHIFT).orElseThrow();
    assertThat(Duration.between(at("2026-01-01T00:00:10Z"), later).toSeconds() % 90).isZero();
    assertThat(later).isBetween(at("2027-01-01T00:00Z"), at("2027-01-01T00:01:30Z"));
    assertThatThrownBy(() -> Timing.every(Duration.ofMillis(500), Instant.EPOCH))
        .isInstanceOf(TimingException.class)
        .hasMessage("interval: every must be at least 1 second, was PT0.5S");
  }

  @Test
  void onceFiresOnce() {
    Timing once = Timing.once(at("2026-05-01T10:00Z"));
    assertThat(FireTimes.next(once, WARSAW, at("2026-04-30T00:00Z"), SHIFT))
        .contains(at("2026-05-01T10:00Z"));
    assertThat(FireTimes.next(once, WARSAW, at("2026-05-01T10:00Z"), SHIFT)).isEmpty();
    assertThat(preview(once, "2026-01-01T00:00Z", 5)).containsExactly(at("2026-05-01T10:00Z"));
  }

  @Test
  void requireNextRefusesTimingsThatAreOver() {
    assertThat(FireTimes.requireNext(Timing.cron("0 0 * * *"), UTC, SHIFT, at("2026-01-01T00:00Z")))
        .isEqualTo(at("2026-01-02T00:00Z"));
    assertThatThrownBy(() ->
            FireTimes.requireNext(
                Timing.once(at("2025-01-01T00:00Z")), UTC, SHIFT, at("2026-01-01T00:00Z")))
        .isInstanceOf(TimingException.class)
        .hasMessage(
            "Once[at=2025-01-01T00:00:00Z] in Z with DST policy SHIFT never fires after 2026-01-01T00:00:00Z");
    assertThatThrownBy(() ->
            FireTimes.requireNext(
                Timing.cron("30 2 * 3 0L"), WARSAW, DstPolicy.SKIP, at("2026-01-01T00:00Z")))
        .isInstanceOf(TimingException.class)
        .hasMessageContaining("never fires");
  }

  @Test
  void recordsCheckTheirArguments() {
    assertThatThrownBy(() -> Timing.weekly(Set.of(), LocalTime.NOON))
        .isInstanceOf(TimingException.class)
        .hasMessage("weekly: at least one day is needed");
    assertThatThrownBy(() -> Timing.monthly(List.of(0, 5), LocalTime.NOON))
        .isInstanceOf(TimingException.class)
        .hasMessage("monthly: date 0 is out of range 1-31");
    assertThatThrownBy(() -> Timing.monthly(List.of(), LocalTime.NOON))
        .isInstanceOf(TimingException.class)
        .hasMessage("monthly: at least one date is needed");
    assertThat(Timing.daily(LocalTime.parse("09:15:30.250")).at())
        .isEqualTo(LocalTime.parse("09:15:30"));
    assertThatThrownBy(
            () -> FireTimes.preview(Timing.cron("@daily"), UTC, SHIFT, Instant.EPOCH, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
