package dev.baton.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The fields timings are made of (a date-time, a time of day, week days, month dates), read from
 * already-parsed values; each error is a {@link TimingException} whose message starts with its key.
 */
final class TimingFields {
  private static final Pattern HH_MM = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

  private TimingFields() {}

  /** The instant under {@code key}: an ISO-8601 date-time, local to {@code zone} without offset. */
  static Instant instant(Map<String, ?> fields, String key, ZoneId zone) {
    @Nullable Object value = fields.get(key);
    try {
      return switch (value) {
        case Instant instant -> instant;
        case OffsetDateTime time -> time.toInstant();
        case ZonedDateTime time -> time.toInstant();
        case LocalDateTime time -> local(time, zone);
        case String text -> parseInstant(text.trim().replace(' ', 'T'), zone);
        case null, default ->
            throw new TimingException(key + ": expected a date and time" + got(value), key);
      };
    } catch (DateTimeParseException e) {
      throw new TimingException(
          key
              + ": expected an ISO-8601 date and time such as 2026-03-29T02:30:00+01:00"
              + got(value),
          key);
    }
  }

  private static Instant parseInstant(String text, ZoneId zone) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return local(LocalDateTime.parse(text), zone);
    }
  }

  /** A local time read as a one-off fire: the first of a repeated time, the jump for a gap. */
  private static Instant local(LocalDateTime time, ZoneId zone) {
    return FireTimes.resolveShifted(time, zone);
  }

  static LocalTime timeOfDay(String key, @Nullable Object value) {
    if (value == null) {
      throw new TimingException(key + ": required, as \"HH:MM\"", key);
    }
    if (!(value instanceof String text)) {
      throw new TimingException(key + ": expected \"HH:MM\"" + got(value), key);
    }
    Matcher m = HH_MM.matcher(text.trim());
    if (!m.matches()) {
      throw new TimingException(key + ": expected \"HH:MM\"" + got(value), key);
    }
    int hour = Integer.parseInt(m.group(1));
    int minute = Integer.parseInt(m.group(2));
    int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (hour > 23) {
      throw new TimingException(key + ": hour " + hour + " is out of range 0-23", key);
    }
    if (minute > 59) {
      throw new TimingException(key + ": minute " + minute + " is out of range 0-59", key);
    }
    if (second > 59) {
      throw new TimingException(key + ": second " + second + " is out of range 0-59", key);
    }
    return LocalTime.of(hour, minute, second);
  }

  static Set<DayOfWeek> days(@Nullable Object value) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new TimingException(
          "weekly_days: expected a list of days such as [\"mon\", \"fri\"]" + got(value),
          "weekly_days");
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (Object item : list) {
      DayOfWeek day = item instanceof String name ? day(name) : null;
      if (day == null) {
        throw new TimingException(
            "weekly_days: unknown day " + quote(item) + "; use mon, tue, wed, thu, fri, sat, sun",
            "weekly_days");
      }
      days.add(day);
    }
    return days;
  }

  static @Nullable DayOfWeek day(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day.name().toLowerCase(Locale.ROOT).substring(0, 3).equals(n)) {
        return day;
      }
    }
    return null;
  }

  static Set<Integer> dates(@Nullable Object value) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new TimingException(
          "monthly_dates: expected a list of days of the month such as [1, 15]" + got(value),
          "monthly_dates");
    }
    Set<Integer> dates = new TreeSet<>();
    for (Object item : list) {
      if (!(item instanceof Number number) || !isWhole(number)) {
        throw new TimingException(
            "monthly_dates: expected whole numbers from 1 to 31, got " + quote(item),
            "monthly_dates");
      }
      long date = number.longValue();
      if (date < 1 || date > 31) {
        throw new TimingException(
            "monthly_dates: " + date + " is out of range 1-31", "monthly_dates");
      }
      dates.add((int) date);
    }
    return dates;
  }

  static boolean isWhole(Number number) {
    return switch (number) {
      case Double d -> d == Math.rint(d) && !d.isInfinite();
      case Float f -> f == Math.rint(f) && !f.isInfinite();
      default -> true;
    };
  }

  static String got(@Nullable Object value) {
    return value == null ? "" : ", got " + quote(value);
  }

  static String quote(@Nullable Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }
}
