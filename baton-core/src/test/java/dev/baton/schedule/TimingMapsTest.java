package dev.baton.schedule;

import static dev.baton.schedule.FireTimesDstTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimingMapsTest {
  static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
  // Thursday 15 January 2026, 14:23:17 in Warsaw.
  static final Instant CREATED = at("2026-01-15T14:23:17.512+01:00");

  static Timing casare(String frequency, Map<String, ?> fields) {
    return TimingMaps.fromCasare(frequency, fields, WARSAW, CREATED);
  }

  @Test
  void casareCron() {
    assertThat(casare("cron", Map.of("cron_expression", "*/5 9-17 * * 1-5")))
        .isEqualTo(Timing.cron("*/5 9-17 * * 1-5"));
    assertThat(casare("CRON", Map.of("cron_expression", "0 */5 9-17 * * 1-5")))
        .isEqualTo(Timing.cron("0 */5 9-17 * * 1-5"));
  }

  @Test
  void casareOnce() {
    Instant expected = at("2026-02-01T10:00+01:00");
    assertThat(casare("once", Map.of("next_run", "2026-02-01T10:00:00+01:00")))
        .isEqualTo(Timing.once(expected));
    assertThat(casare("once", Map.of("next_run", "2026-02-01T09:00:00Z")))
        .isEqualTo(Timing.once(expected));
    // Without an offset: local time in the schedule's zone (also as Python prints it).
    assertThat(casare("once", Map.of("next_run", "2026-02-01T10:00")))
        .isEqualTo(Timing.once(expected));
    assertThat(casare("once", Map.of("next_run", "2026-02-01 10:00:00")))
        .isEqualTo(Timing.once(expected));
    assertThat(casare("once", Map.of("next_run", LocalDateTime.parse("2026-02-01T10:00"))))
        .isEqualTo(Timing.once(expected));
    assertThat(casare("once", Map.of("next_run", expected))).isEqualTo(Timing.once(expected));
    // A local time in the spring-forward gap: the jump; in the repeated hour: the first pass.
    assertThat(casare("once", Map.of("next_run", "2026-03-29T02:30")))
        .isEqualTo(Timing.once(at("2026-03-29T03:00+02:00")));
    assertThat(casare("once", Map.of("next_run", "2026-10-25T02:30")))
        .isEqualTo(Timing.once(at("2026-10-25T02:30+02:00")));
  }

  @Test
  void casareFrequenciesStartFromNextRunOrCreation() {
    assertThat(casare("hourly", Map.of())).isEqualTo(Timing.every(Duration.ofHours(1), CREATED));
    assertThat(casare("daily", Map.of())).isEqualTo(Timing.daily(LocalTime.of(14, 23, 17)));
    assertThat(casare("weekly", Map.of()))
        .isEqualTo(Timing.weekly(Set.of(DayOfWeek.THURSDAY), LocalTime.of(14, 23, 17)));
    assertThat(casare("monthly", Map.of()))
        .isEqualTo(Timing.monthly(List.of(15), LocalTime.of(14, 23, 17)));
    Map<String, Object> withNextRun = Map.of("next_run", "2026-01-31T08:00:00+01:00");
    assertThat(casare("hourly", withNextRun))
        .isEqualTo(Timing.every(Duration.ofHours(1), at("2026-01-31T08:00+01:00")));
    assertThat(casare("monthly", withNextRun))
        .isEqualTo(Timing.monthly(List.of(31), LocalTime.of(8, 0)));
    // Daily keeps the wall-clock time across the change to summer time (CasareRPA's 24 h would
    // not).
    Timing daily = casare("daily", withNextRun);
    assertThat(FireTimes.next(daily, WARSAW, at("2026-03-29T00:00+01:00"), DstPolicy.SHIFT))
        .contains(at("2026-03-29T08:00+02:00"));
    // The first hourly fire after creation is an hour later.
    assertThat(FireTimes.next(casare("hourly", Map.of()), WARSAW, CREATED, DstPolicy.SHIFT))
        .contains(CREATED.plus(Duration.ofHours(1)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "fortnightly | frequency       | frequency: unknown frequency 'fortnightly'; use once, hourly, daily, weekly, monthly or cron",
        "cron        | cron_expression | cron_expression: required for frequency 'cron'",
        "once        | next_run        | next_run: required for frequency 'once'",
      })
  void casareRefusesWhatItCannotRead(String frequency, String field, String message) {
    assertThatThrownBy(() -> casare(frequency, Map.of()))
        .isInstanceOf(TimingException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((TimingException) e).field()).contains(field));
  }

  @Test
  void casareBadValues() {
    assertThatThrownBy(() -> casare("once", Map.of("next_run", "tomorrow")))
        .hasMessage(
            "next_run: expected an ISO-8601 date and time such as 2026-03-29T02:30:00+01:00, got \"tomorrow\"");
    assertThatThrownBy(() -> casare("once", Map.of("next_run", 12)))
        .hasMessage("next_run: expected a date and time, got 12");
    assertThatThrownBy(() -> casare("cron", Map.of("cron_expression", "61 * * * *")))
        .hasMessage("cron '61 * * * *': minute: value 61 is out of range 0-59");
    assertThatThrownBy(() -> casare("cron", Map.of("cron_expression", "* * * * * * *")))
        .hasMessageContaining("found 7");
  }

  static final Instant STARTED = at("2026-01-01T00:00Z");

  @Test
  void avtomatikaTimings() {
    assertThat(
            TimingMaps.fromAvtomatika(Map.of("blueprint", "x", "interval_seconds", 300L), STARTED))
        .isEqualTo(Timing.every(Duration.ofMinutes(5), STARTED));
    assertThat(TimingMaps.fromAvtomatika(Map.of("daily_at", "09:30", "enabled", true), STARTED))
        .isEqualTo(Timing.daily(LocalTime.of(9, 30)));
    assertThat(TimingMaps.fromAvtomatika(Map.of("daily_at", "9:30"), STARTED))
        .isEqualTo(Timing.daily(LocalTime.of(9, 30)));
    assertThat(
            TimingMaps.fromAvtomatika(
                Map.of("weekly_days", List.of("mon", "FRI"), "time", "18:00"), STARTED))
        .isEqualTo(Timing.weekly(Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(18, 0)));
    assertThat(
            TimingMaps.fromAvtomatika(
                Map.of("monthly_dates", List.of(1, 15L, 31), "time", "00:00"), STARTED))
        .isEqualTo(Timing.monthly(List.of(1, 15, 31), LocalTime.MIDNIGHT));
    // The interval's first fire is startup itself.
    Timing interval = TimingMaps.fromAvtomatika(Map.of("interval_seconds", 300), STARTED);
    assertThat(FireTimes.next(interval, ZoneOffset.UTC, STARTED.minusNanos(1), DstPolicy.SHIFT))
        .contains(STARTED);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "interval_seconds=0         | interval_seconds: expected a whole number of seconds, at least 1, got 0",
        "interval_seconds='10'      | interval_seconds: expected a whole number of seconds, at least 1, got \"10\"",
        "interval_seconds=1.5       | interval_seconds: expected a whole number of seconds, at least 1, got 1.5",
        "daily_at='25:00'           | daily_at: hour 25 is out of range 0-23",
        "daily_at='12:60'           | daily_at: minute 60 is out of range 0-59",
        "daily_at='noon'            | daily_at: expected \"HH:MM\", got \"noon\"",
        "weekly_days=['mon']        | time: required, as \"HH:MM\"",
        "weekly_days=['funday'] time='10:00' | weekly_days: unknown day \"funday\"; use mon, tue, wed, thu, fri, sat, sun",
        "weekly_days=[] time='10:00' | weekly_days: expected a list of days such as [\"mon\", \"fri\"], got []",
        "monthly_dates=[32] time='10:00' | monthly_dates: 32 is out of range 1-31",
        "monthly_dates=['1'] time='10:00' | monthly_dates: expected whole numbers from 1 to 31, got \"1\"",
        "monthly_dates=[1] time=10  | time: expected \"HH:MM\", got 10",
        "blueprint='x'              | schedule: set one of interval_seconds, daily_at, weekly_days (with time) or monthly_dates (with time)",
        "daily_at='10:00' interval_seconds=5 | daily_at: set only one of interval_seconds, daily_at",
      })
  void avtomatikaErrorsNameTheKey(String toml, String message) {
    assertThatThrownBy(() -> TimingMaps.fromAvtomatika(tomlish(toml), STARTED))
        .isInstanceOf(TimingException.class)
        .hasMessage(message);
  }

  @Test
  void zones() {
    assertThat(TimingMaps.zone("Europe/Warsaw")).isEqualTo(WARSAW);
    assertThat(TimingMaps.zone(" UTC ")).isEqualTo(ZoneId.of("UTC"));
    assertThatThrownBy(() -> TimingMaps.zone("Europe/Warsa"))
        .isInstanceOf(TimingException.class)
        .hasMessage(
            "timezone: unknown time zone 'Europe/Warsa'; use an IANA name such as Europe/Warsaw");
  }

  /** A tiny reader for {@code key=value} pairs in TOML syntax: enough for these cases. */
  static Map<String, Object> tomlish(String text) {
    Map<String, Object> map = new HashMap<>();
    for (String pair : java.util.regex.Pattern.compile(" (?=[a-z_]+=)").split(text.trim(), -1)) {
      String[] kv = pair.split("=", 2);
      map.put(kv[0], value(kv[1]));
    }
    return map;
  }

  private static Object value(String v) {
    if (v.startsWith("'")) {
      return v.substring(1, v.length() - 1);
    }
    if (v.startsWith("[")) {
      String inner = v.substring(1, v.length() - 1).trim();
      return inner.isEmpty()
          ? List.of()
          : java.util.Arrays.stream(inner.split(",", -1)).map(s -> value(s.trim())).toList();
    }
    return v.contains(".") ? (Object) Double.parseDouble(v) : (Object) Long.parseLong(v);
  }
}
