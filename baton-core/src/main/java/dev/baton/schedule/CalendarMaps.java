package dev.baton.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link BusinessCalendar} from the map a JSON body or a TOML table gives, and writes it
 * back in the same form. Every error is an {@link IllegalArgumentException} whose message starts
 * with the key that is wrong ({@code holidays[2]: ...}, {@code ics: ...}).
 */
public final class CalendarMaps {
  /** Every key {@link #parse} reads: the API refuses others. */
  public static final Set<String> KEYS =
      Set.of("name", "description", "timezone", "working_days", "holidays", "ics", "hours");

  private static final Set<DayOfWeek> MON_TO_FRI =
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  private CalendarMaps() {}

  /**
   * Reads a calendar.
   *
   * @param name the name when the map has none (a URL's or a TOML section's), or null
   * @param defaultZone the zone when the map names none
   */
  public static BusinessCalendar parse(
      @Nullable String name, Map<String, ?> m, ZoneId defaultZone) {
    String n = m.get("name") instanceof String s ? s.trim() : name;
    if (n == null) {
      throw new IllegalArgumentException("name: required");
    }
    if (name != null && !n.equals(name)) {
      throw new IllegalArgumentException(
          "name: the body names '" + n + "' but the calendar addressed is '" + name + "'");
    }
    ZoneId zone = m.get("timezone") == null ? defaultZone : TimingMaps.zone(text(m, "timezone"));
    @Nullable Object ics = m.get("ics");
    if (ics != null && !(ics instanceof String)) {
      throw new IllegalArgumentException("ics: expected the text of an iCalendar (.ics) file");
    }
    return new BusinessCalendar(
        n,
        m.get("description") == null ? "" : text(m, "description"),
        zone,
        days(m.get("working_days")),
        holidays(m.get("holidays")),
        ics == null || ((String) ics).isBlank() ? null : IcsHolidays.parse((String) ics, zone),
        hours(m.get("hours")));
  }

  public static Map<String, Object> toMap(BusinessCalendar c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", c.name());
    out.put("description", c.description());
    out.put("timezone", c.zone().getId());
    out.put(
        "working_days",
        c.workingDays().stream()
            .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT))
            .toList());
    List<Map<String, Object>> holidays = new ArrayList<>();
    c.holidays()
        .forEach((date, what) -> holidays.add(Map.of("date", date.toString(), "name", what)));
    out.put("holidays", holidays);
    if (c.ics() != null) {
      out.put("ics", c.ics().text());
    }
    out.put("hours", c.hours().stream().map(WorkingHours::toString).toList());
    return out;
  }

  /** A list of days ({@code ["mon", "tue"]}) or a range ({@code "mon-fri"}); default Mon-Fri. */
  private static Set<DayOfWeek> days(@Nullable Object v) {
    if (v == null) {
      return MON_TO_FRI;
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    if (v instanceof String range && range.contains("-")) {
      String[] ends = range.split("-", 2);
      DayOfWeek from = day(ends[0], "working_days");
      DayOfWeek to = day(ends[1], "working_days");
      for (DayOfWeek d = from; ; d = d.plus(1)) {
        days.add(d);
        if (d == to) {
          return days;
        }
      }
    }
    List<?> list = v instanceof List<?> l ? l : v instanceof String s ? List.of(s) : null;
    if (list == null || list.isEmpty()) {
      throw new IllegalArgumentException(
          "working_days: expected days such as [\"mon\", \"tue\"] or \"mon-fri\", got " + v);
    }
    for (int i = 0; i < list.size(); i++) {
      days.add(day(list.get(i), "working_days[" + i + "]"));
    }
    return days;
  }

  private static DayOfWeek day(@Nullable Object v, String where) {
    DayOfWeek d = v instanceof String s ? TimingFields.day(s) : null;
    if (d == null) {
      throw new IllegalArgumentException(
          where + ": unknown day '" + v + "'; use mon, tue, wed, thu, fri, sat, sun");
    }
    return d;
  }

  /** Dates ({@code "2026-12-24"}) or {@code {date, name}} objects. */
  private static SortedMap<LocalDate, String> holidays(@Nullable Object v) {
    SortedMap<LocalDate, String> out = new TreeMap<>();
    if (v == null) {
      return out;
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "holidays: expected a list of dates (\"2026-12-24\" or {\"date\": ..., \"name\": ...})");
    }
    for (int i = 0; i < list.size(); i++) {
      String where = "holidays[" + i + "]";
      Object item = list.get(i);
      @Nullable Object date = item instanceof Map<?, ?> h ? h.get("date") : item;
      @Nullable Object what = item instanceof Map<?, ?> h ? h.get("name") : null;
      if (item instanceof Map<?, ?> h) {
        for (Object key : h.keySet()) {
          if (!"date".equals(key) && !"name".equals(key)) {
            throw new IllegalArgumentException(
                where + ": unknown field '" + key + "'; expected date, name");
          }
        }
      }
      out.put(date(date, where), what == null ? "" : String.valueOf(what));
    }
    return out;
  }

  private static LocalDate date(@Nullable Object v, String where) {
    if (v instanceof LocalDate d) {
      return d; // a TOML local date
    }
    try {
      return LocalDate.parse(String.valueOf(v).trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(where + ": '" + v + "' is not a date (YYYY-MM-DD)", e);
    }
  }

  /** Spans ({@code ["08:00-12:00", "13:00-17:00"]} or one string); default the whole day. */
  private static List<WorkingHours> hours(@Nullable Object v) {
    if (v == null) {
      return List.of(WorkingHours.WHOLE_DAY);
    }
    List<?> list = v instanceof List<?> l ? l : List.of(v);
    List<WorkingHours> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        throw new IllegalArgumentException(
            "hours[" + i + "]: expected a span like \"09:00-17:00\", got " + list.get(i));
      }
      try {
        out.add(WorkingHours.parse(s));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "hours[" + i + "]" + String.valueOf(e.getMessage()).substring("hours".length()), e);
      }
    }
    return out;
  }

  private static String text(Map<String, ?> m, String key) {
    if (!(m.get(key) instanceof String s)) {
      throw new IllegalArgumentException(key + ": expected text, got " + m.get(key));
    }
    return s;
  }
}
