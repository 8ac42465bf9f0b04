package dev.baton.schedule;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the schedule formats of the systems Baton replaces into {@link Timing}s: CasareRPA's
 * frequencies and the timing keys of an Avtomatika {@code schedules.toml} entry. Pure functions
 * from already-parsed values (a {@code Map} from a TOML or JSON reader) to a timing; every error is
 * a {@link TimingException} whose message starts with the key that is wrong. Keys they do not read
 * (a schedule's blueprint, input data, {@code enabled}, ...) are ignored.
 */
public final class TimingMaps {
  private static final List<String> BATON_KEYS =
      List.of(
          "cron",
          "once_at",
          "frequency",
          "interval_seconds",
          "daily_at",
          "weekly_days",
          "monthly_dates");
  private static final List<String> COMPANION_KEYS =
      List.of("anchor", "time", "cron_expression", "next_run");
  private static final List<String> AVTOMATIKA_KEYS =
      List.of("interval_seconds", "daily_at", "weekly_days", "monthly_dates");

  /**
   * Every key {@link #isTimingKey} accepts: the timing keys, their companions and {@code timing}.
   */
  public static final Set<String> KEYS =
      Stream.of(BATON_KEYS, COMPANION_KEYS, List.of("timing"))
          .flatMap(List::stream)
          .collect(Collectors.toUnmodifiableSet());

  private TimingMaps() {}

  /**
   * A CasareRPA schedule's timing: {@code frequency} is one of {@code once}, {@code hourly}, {@code
   * daily}, {@code weekly}, {@code monthly}, {@code cron} (any case), {@code fields} are the
   * schedule's other fields.
   *
   * <ul>
   *   <li>{@code cron}: {@code cron_expression} (5 or 6 fields) becomes a {@link Timing.Cron}.
   *   <li>{@code once}: {@code next_run} becomes a {@link Timing.Once}. It may be an {@link
   *       Instant}, an {@link OffsetDateTime}, a {@link ZonedDateTime}, a {@link LocalDateTime} or
   *       an ISO-8601 string; a time without an offset is local time in {@code zone} (CasareRPA
   *       drops a trailing {@code Z} and reads it as local; Baton honours it).
   *   <li>{@code hourly}: every hour from the start, a {@link Timing.Interval} of one hour.
   *   <li>{@code daily}, {@code weekly}, {@code monthly}: the start's local time of day, every day;
   *       on the start's day of the week; on the start's day of the month. CasareRPA uses fixed
   *       intervals of 24 hours, 7 days and 30 days instead; Baton keeps the wall-clock time across
   *       DST and the date across months of different lengths (a monthly schedule started on the
   *       31st fires in the months that have a 31st, see {@link Timing.Monthly}).
   * </ul>
   *
   * <p>The start is {@code next_run} when it is set, otherwise {@code createdAt}; times of day are
   * kept to the second. An hourly schedule fires at the start and every hour after it. A schedule
   * created without {@code next_run} first fires one period after its creation, as in CasareRPA,
   * when the caller starts its {@code since} (see {@link FireTimes#due}) at {@code createdAt}; one
   * with {@code next_run} should start {@code since} just before {@code next_run}, so that nothing
   * fires earlier.
   */
  public static Timing fromCasare(
      String frequency, Map<String, ?> fields, ZoneId zone, Instant createdAt) {
    String kind = frequency.trim().toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "cron" -> {
        @Nullable Object expression = fields.get("cron_expression");
        if (!(expression instanceof String text) || text.isBlank()) {
          throw new TimingException(
              "cron_expression: required for frequency 'cron'" + TimingFields.got(expression),
              "cron_expression");
        }
        yield Timing.cron(text);
      }
      case "once" -> {
        if (fields.get("next_run") == null) {
          throw new TimingException("next_run: required for frequency 'once'", "next_run");
        }
        yield Timing.once(TimingFields.instant(fields, "next_run", zone));
      }
      case "hourly", "daily", "weekly", "monthly" ->
          periodic(
              kind,
              fields.get("next_run") == null
                  ? createdAt
                  : TimingFields.instant(fields, "next_run", zone),
              zone);
      default ->
          throw new TimingException(
              "frequency: unknown frequency '"
                  + frequency
                  + "'; use once, hourly, daily, weekly, monthly or cron",
              "frequency");
    };
  }

  private static Timing periodic(String kind, Instant start, ZoneId zone) {
    ZonedDateTime local = start.atZone(zone);
    LocalTime at = local.toLocalTime();
    return switch (kind) {
      case "hourly" -> Timing.every(Duration.ofHours(1), start);
      case "daily" -> Timing.daily(at);
      case "weekly" -> Timing.weekly(Set.of(local.getDayOfWeek()), at);
      default -> Timing.monthly(Set.of(local.getDayOfMonth()), at);
    };
  }

  /**
   * The timing of one Avtomatika {@code schedules.toml} entry, which sets exactly one of:
   *
   * <ul>
   *   <li>{@code interval_seconds = N} (a whole number, at least 1): every N seconds from {@code
   *       startedAt}, a {@link Timing.Interval}. Avtomatika fires these at startup and then every N
   *       seconds; here {@code startedAt} is the first fire;
   *   <li>{@code daily_at = "HH:MM"}: a {@link Timing.Daily};
   *   <li>{@code weekly_days = ["mon", ...]} with {@code time = "HH:MM"}: a {@link Timing.Weekly};
   *       day names are {@code mon tue wed thu fri sat sun}, any case;
   *   <li>{@code monthly_dates = [1, 15, ...]} (1 to 31) with {@code time = "HH:MM"}: a {@link
   *       Timing.Monthly}; a month without a date does not fire for it, as in Avtomatika.
   * </ul>
   *
   * <p>Avtomatika compares the local time in its {@code TZ} (UTC by default) to the minute, once
   * per date, so a time in a DST gap never fires there and a repeated one fires once: use {@link
   * DstPolicy#SKIP} with these timings to behave exactly like it. It also accepts only two-digit
   * hours ({@code "9:00"} silently never fires there); Baton accepts {@code "9:00"} as 09:00.
   */
  public static Timing fromAvtomatika(Map<String, ?> entry, Instant startedAt) {
    List<String> present = new ArrayList<>();
    for (String key : AVTOMATIKA_KEYS) {
      if (entry.get(key) != null) {
        present.add(key);
      }
    }
    if (present.isEmpty()) {
      throw new TimingException(
          "schedule: set one of interval_seconds, daily_at, weekly_days (with time) or"
              + " monthly_dates (with time)");
    }
    if (present.size() > 1) {
      throw new TimingException(
          present.get(1) + ": set only one of " + String.join(", ", present), present.get(1));
    }
    String key = present.get(0);
    @Nullable Object value = entry.get(key);
    return switch (key) {
      case "interval_seconds" -> {
        if (!(value instanceof Number number)
            || !TimingFields.isWhole(number)
            || number.longValue() < 1) {
          throw new TimingException(
              "interval_seconds: expected a whole number of seconds, at least 1"
                  + TimingFields.got(value),
              key);
        }
        yield Timing.every(Duration.ofSeconds(number.longValue()), startedAt);
      }
      case "daily_at" -> Timing.daily(TimingFields.timeOfDay(key, value));
      case "weekly_days" ->
          Timing.weekly(
              TimingFields.days(value), TimingFields.timeOfDay("time", entry.get("time")));
      default ->
          Timing.monthly(
              TimingFields.dates(value), TimingFields.timeOfDay("time", entry.get("time")));
    };
  }

  /**
   * The timing of a Baton schedule, written as exactly one of:
   *
   * <ul>
   *   <li>{@code cron = "0 9 * * MON-FRI"} (5 fields, minute first; 6 fields, second first; or a
   *       macro such as {@code @daily});
   *   <li>{@code interval_seconds = N}, optionally with {@code anchor} (an ISO-8601 instant, the
   *       first fire; default {@code createdAt});
   *   <li>{@code daily_at}, {@code weekly_days} + {@code time}, {@code monthly_dates} + {@code
   *       time}, as in Avtomatika's {@code schedules.toml} ({@code "HH:MM"} or {@code "HH:MM:SS"});
   *   <li>{@code once_at} (an ISO-8601 date-time; without an offset it is local time in {@code
   *       zone});
   *   <li>{@code frequency} with CasareRPA's fields ({@code cron_expression}, {@code next_run}),
   *       see {@link #fromCasare}.
   * </ul>
   *
   * Other keys are ignored. {@link #spec} writes a timing back in this form.
   */
  public static Timing fromSpec(Map<String, ?> spec, ZoneId zone, Instant createdAt) {
    List<String> present = new ArrayList<>();
    for (String key : BATON_KEYS) {
      if (spec.get(key) != null) {
        present.add(key);
      }
    }
    if (present.isEmpty()) {
      throw new TimingException(
          "timing: set one of cron, interval_seconds, daily_at, weekly_days (with time),"
              + " monthly_dates (with time), once_at or frequency",
          "timing");
    }
    if (present.size() > 1) {
      throw new TimingException(
          present.get(1) + ": set only one of " + String.join(", ", present), present.get(1));
    }
    String key = present.get(0);
    @Nullable Object value = spec.get(key);
    return switch (key) {
      case "cron" -> {
        if (!(value instanceof String text) || text.isBlank()) {
          throw new TimingException(
              "cron: expected a cron expression" + TimingFields.got(value), "cron");
        }
        yield Timing.cron(text);
      }
      case "once_at" -> Timing.once(TimingFields.instant(spec, "once_at", zone));
      case "frequency" -> {
        if (!(value instanceof String text)) {
          throw new TimingException(
              "frequency: expected a name" + TimingFields.got(value), "frequency");
        }
        yield fromCasare(text, spec, zone, createdAt);
      }
      case "interval_seconds" -> {
        Instant anchor =
            spec.get("anchor") == null ? createdAt : TimingFields.instant(spec, "anchor", zone);
        yield switch (fromAvtomatika(spec, anchor)) {
          case Timing.Interval interval -> interval;
          default -> throw new IllegalStateException("interval_seconds is an interval");
        };
      }
      default -> fromAvtomatika(spec, createdAt);
    };
  }

  /** A timing written as {@link #fromSpec} reads it; reading it back gives the same timing. */
  public static Map<String, Object> spec(Timing timing) {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (timing) {
      case Timing.Cron cron -> out.put("cron", cron.expression().text());
      case Timing.Interval interval -> {
        out.put("interval_seconds", interval.every().toSeconds());
        out.put("anchor", interval.anchor().toString());
      }
      case Timing.Daily daily -> out.put("daily_at", hhmm(daily.at()));
      case Timing.Weekly weekly -> {
        out.put(
            "weekly_days",
            weekly.days().stream()
                .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT))
                .toList());
        out.put("time", hhmm(weekly.at()));
      }
      case Timing.Monthly monthly -> {
        out.put("monthly_dates", List.copyOf(monthly.dates()));
        out.put("time", hhmm(monthly.at()));
      }
      case Timing.Once once -> out.put("once_at", once.at().toString());
    }
    return out;
  }

  private static String hhmm(LocalTime t) {
    String hm = String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute());
    return t.getSecond() == 0 ? hm : hm + String.format(Locale.ROOT, ":%02d", t.getSecond());
  }

  /**
   * A schedule's time zone from its IANA name ({@code Europe/Warsaw}, {@code America/New_York},
   * {@code UTC}).
   *
   * @throws TimingException naming {@code timezone} if it is not a known zone
   */
  public static ZoneId zone(String id) {
    try {
      return ZoneId.of(id.trim());
    } catch (DateTimeException e) {
      throw new TimingException(
          "timezone: unknown time zone '" + id + "'; use an IANA name such as Europe/Warsaw",
          "timezone");
    }
  }

  /**
   * Whether {@code key} belongs to a timing as {@link #fromSpec} reads it (the timing keys and the
   * keys they go with: {@code anchor}, {@code time}, {@code cron_expression}, {@code next_run}).
   */
  public static boolean isTimingKey(String key) {
    return KEYS.contains(key);
  }
}
