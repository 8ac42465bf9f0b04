package dev.baton.schedule;

import static dev.baton.schedule.DstPolicy.SHIFT;
import static dev.baton.schedule.FireTimesDstTest.at;
import static dev.baton.schedule.FireTimesDstTest.instants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fires due after downtime, per {@link MissedPolicy}, and a scheduler loop on a manual clock. */
class DueTest {
  static final ZoneId UTC = ZoneOffset.UTC;
  static final Timing DAILY_NINE = Timing.daily(LocalTime.of(9, 0));

  static List<Instant> due(Timing timing, String since, String now, MissedPolicy policy) {
    return FireTimes.due(timing, UTC, SHIFT, at(since), at(now), policy);
  }

  // Down from 1 January 10:00 to 6 January 09:30: the fires of 2-6 January were missed.
  static final String SINCE = "2026-01-01T10:00Z";
  static final String NOW = "2026-01-06T09:30Z";

  @Test
  void allRunsEachMissedFireOldestFirst() {
    assertThat(due(DAILY_NINE, SINCE, NOW, MissedPolicy.DEFAULT))
        .isEqualTo(
            instants(
                "2026-01-02T09:00Z",
                "2026-01-03T09:00Z",
                "2026-01-04T09:00Z",
                "2026-01-05T09:00Z",
                "2026-01-06T09:00Z"));
  }

  @Test
  void allIsCappedAndKeepsTheMostRecent() {
    assertThat(due(DAILY_NINE, SINCE, NOW, MissedPolicy.of(Missed.ALL).withCap(3)))
        .isEqualTo(instants("2026-01-04T09:00Z", "2026-01-05T09:00Z", "2026-01-06T09:00Z"));
  }

  @Test
  void theCapHoldsAfterALongOutageWithoutWalkingEveryFire() {
    // A month of a once-a-second cron: 2.6 million fires, of which the last 100 are due.
    Timing everySecond = Timing.cron("* * * * * *");
    List<Instant> fires =
        due(everySecond, "2026-01-01T00:00Z", "2026-02-01T00:00Z", MissedPolicy.DEFAULT);
    assertThat(fires).hasSize(100);
    assertThat(fires.get(0)).isEqualTo(at("2026-01-31T23:58:21Z"));
    assertThat(fires.get(99)).isEqualTo(at("2026-02-01T00:00Z"));
    // The same for an interval, whose last fire is not at `now`.
    Timing every7s = Timing.every(Duration.ofSeconds(7), at("2026-01-01T00:00Z"));
    List<Instant> interval =
        due(
            every7s,
            "2026-01-01T00:00Z",
            "2026-02-01T00:00Z",
            MissedPolicy.of(Missed.ALL).withCap(2));
    Instant last = at("2026-01-01T00:00Z").plusSeconds(31L * 86400 / 7 * 7);
    assertThat(interval).containsExactly(last.minusSeconds(7), last);
  }

  @Test
  void lastRunsOnlyTheMostRecent() {
    assertThat(due(DAILY_NINE, SINCE, NOW, MissedPolicy.of(Missed.LAST)))
        .isEqualTo(instants("2026-01-06T09:00Z"));
  }

  @Test
  void noneRunsNothingThatIsLate() {
    assertThat(due(DAILY_NINE, SINCE, NOW, MissedPolicy.of(Missed.NONE))).isEmpty();
    // The next fire is then computed from now.
    assertThat(FireTimes.next(DAILY_NINE, UTC, at(NOW), SHIFT)).contains(at("2026-01-07T09:00Z"));
    // A fire picked up within the grace is on time, not missed.
    assertThat(due(DAILY_NINE, SINCE, "2026-01-06T09:00:30Z", MissedPolicy.of(Missed.NONE)))
        .isEqualTo(instants("2026-01-06T09:00Z"));
    assertThat(
            due(
                DAILY_NINE,
                SINCE,
                "2026-01-06T09:00:30Z",
                MissedPolicy.of(Missed.NONE).withGrace(Duration.ZERO)))
        .isEmpty();
  }

  @Test
  void nothingIsDueTwice() {
    assertThat(due(DAILY_NINE, "2026-01-06T09:00Z", "2026-01-06T09:30Z", MissedPolicy.DEFAULT))
        .isEmpty();
    assertThat(due(DAILY_NINE, NOW, NOW, MissedPolicy.DEFAULT)).isEmpty();
    assertThat(due(DAILY_NINE, NOW, SINCE, MissedPolicy.DEFAULT)).isEmpty();
  }

  @Test
  void aMissedOneOff() {
    Timing once = Timing.once(at("2026-01-03T12:00Z"));
    assertThat(due(once, SINCE, NOW, MissedPolicy.DEFAULT))
        .isEqualTo(instants("2026-01-03T12:00Z"));
    assertThat(due(once, SINCE, NOW, MissedPolicy.of(Missed.LAST)))
        .isEqualTo(instants("2026-01-03T12:00Z"));
    assertThat(due(once, SINCE, NOW, MissedPolicy.of(Missed.NONE))).isEmpty();
  }

  @Test
  void policiesCheckTheirArguments() {
    assertThatThrownBy(() -> MissedPolicy.of(Missed.ALL).withCap(0))
        .isInstanceOf(TimingException.class)
        .hasMessage("missed fires: cap must be within 1-10000, was 0");
    assertThatThrownBy(() -> MissedPolicy.of(Missed.NONE).withGrace(Duration.ofSeconds(-1)))
        .isInstanceOf(TimingException.class)
        .hasMessage("missed fires: grace must not be negative, was PT-1S");
  }

  @Test
  void previewListsTheNextFires() {
    assertThat(
            FireTimes.preview(
                Timing.cron("0 9 * * MON-FRI"), UTC, SHIFT, at("2026-01-01T10:00Z"), 3))
        .isEqualTo(instants("2026-01-02T09:00Z", "2026-01-05T09:00Z", "2026-01-06T09:00Z"));
    assertThat(FireTimes.preview(DAILY_NINE, UTC, SHIFT, at(SINCE), 0)).isEmpty();
  }

  // ----- a scheduler loop driven by a manual clock -----

  /** What a firing loop does: wake at the next fire (or each tick), run what is due. */
  static List<Instant> runLoop(
      Timing timing,
      ZoneId zone,
      DstPolicy dst,
      MissedPolicy policy,
      ManualClock clock,
      Instant until,
      Duration tick) {
    List<Instant> ran = new ArrayList<>();
    Instant since = clock.instant();
    while (clock.instant().isBefore(until)) {
      clock.advance(tick);
      Instant now = clock.instant();
      ran.addAll(FireTimes.due(timing, zone, dst, since, now, policy));
      since = now;
    }
    return ran;
  }

  @Test
  void aLoopTickingThroughBothWarsawNightsRunsEachFireOnce() {
    ZoneId warsaw = ZoneId.of("Europe/Warsaw");
    for (Timing timing :
        List.of(
            Timing.cron("*/15 * * * *"),
            Timing.daily(LocalTime.of(2, 30)),
            Timing.cron("0 * * * *"))) {
      for (String night : List.of("2026-03-28T22:00Z", "2026-10-24T21:00Z")) {
        for (Duration tick :
            List.of(Duration.ofMinutes(1), Duration.ofSeconds(47), Duration.ofMinutes(7))) {
          // NONE drops what is later than its grace; a tick of 7 minutes makes fires that late.
          List<MissedPolicy> policies =
              tick.compareTo(MissedPolicy.DEFAULT_GRACE) <= 0
                  ? List.of(MissedPolicy.DEFAULT, MissedPolicy.of(Missed.NONE))
                  : List.of(MissedPolicy.DEFAULT);
          for (MissedPolicy policy : policies) {
            ManualClock clock = new ManualClock(at(night));
            Instant until = at(night).plus(Duration.ofHours(7));
            List<Instant> ran = runLoop(timing, warsaw, SHIFT, policy, clock, until, tick);
            List<Instant> expected =
                FireTimes.between(timing, warsaw, SHIFT, at(night), clock.instant(), 1000);
            assertThat(ran)
                .as("%s from %s every %s with %s", timing, night, tick, policy)
                .isEqualTo(expected)
                .doesNotHaveDuplicates();
          }
        }
      }
    }
  }

  @Test
  void aLoopThatWasDownCatchesUpPerPolicy() {
    ManualClock clock = new ManualClock(at("2026-01-01T00:00Z"));
    Timing hourly = Timing.cron("@hourly");
    Instant since = clock.instant();
    clock.advance(Duration.ofHours(5).plusMinutes(20)); // down for five fires
    assertThat(FireTimes.due(hourly, UTC, SHIFT, since, clock.instant(), MissedPolicy.DEFAULT))
        .hasSize(5);
    assertThat(
            FireTimes.due(hourly, UTC, SHIFT, since, clock.instant(), MissedPolicy.of(Missed.LAST)))
        .isEqualTo(instants("2026-01-01T05:00Z"));
    assertThat(
            FireTimes.due(hourly, UTC, SHIFT, since, clock.instant(), MissedPolicy.of(Missed.NONE)))
        .isEmpty();
  }
}
