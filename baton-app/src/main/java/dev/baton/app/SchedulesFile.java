package dev.baton.app;

import dev.baton.engine.BatonException;
import dev.baton.engine.Calendars;
import dev.baton.engine.Schedules;
import dev.baton.schedule.BusinessCalendar;
import dev.baton.schedule.CalendarMaps;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleDefinition;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Avtomatika's {@code schedules.toml}: one {@code [name]} section per schedule with {@code
 * blueprint}, {@code input_data} and one timing ({@code interval_seconds}, {@code daily_at}, {@code
 * weekly_days} + {@code time}, {@code monthly_dates} + {@code time}), and also every key of a Baton
 * schedule ({@code cron}, {@code timezone}, {@code overlap}, {@code missed}, ...). Unknown keys are
 * ignored, as Avtomatika ignores them.
 *
 * <p>The file owns the schedules it names: at each start a new section creates its schedule, a
 * changed one updates it (a changed interval counts from the start), an unchanged one is left as it
 * is, with its run history and next fire. Schedules the file no longer names are left alone. Unless
 * a section says otherwise, fires missed while Baton was down are caught up once ({@code missed =
 * "last"}): Avtomatika fires an interval schedule at startup.
 *
 * <p>The section {@code [calendars]} is Baton's own: each {@code [calendars.<name>]} table is a
 * business calendar (the keys of {@link CalendarMaps}) that the schedules may name. Calendars are
 * applied first, so a schedule in the same file can name one; the file owns them as it owns its
 * schedules. Unknown keys in a calendar are refused, since no other system writes them.
 */
final class SchedulesFile {
  private static final Logger log = LoggerFactory.getLogger(SchedulesFile.class);

  /** The section that holds calendars rather than a schedule. */
  static final String CALENDARS = "calendars";

  private SchedulesFile() {}

  /** The file's sections as plain values, by name, in file order. */
  static Map<String, Map<String, Object>> read(Path file) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> s : TomlFiles.sections(file, "schedule").entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = TomlFiles.TOML.treeToValue(s.getValue(), LinkedHashMap.class);
      if (!s.getKey().equals(CALENDARS)) {
        entry.putIfAbsent("missed", "last");
      }
      out.put(s.getKey(), entry);
    }
    return out;
  }

  /**
   * Creates or updates the file's schedules. A section that is wrong (no blueprint, a bad timing, a
   * blueprint that is not loaded) is refused with a message naming the file, the section and the
   * key, and skipped; the others load. The file's calendars are put first.
   *
   * @return the problems, one line each
   */
  static List<String> apply(
      Path file,
      Map<String, Map<String, Object>> entries,
      Calendars calendars,
      Schedules schedules,
      Instant now) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> calendarSection = entries.get(CALENDARS);
    if (calendarSection != null) {
      problems.addAll(putCalendars(file, calendarSection, calendars));
    }
    for (Map.Entry<String, Map<String, Object>> e : entries.entrySet()) {
      if (e.getKey().equals(CALENDARS)) {
        continue;
      }
      String where = file + " [" + e.getKey() + "]";
      Map<String, Object> entry = new LinkedHashMap<>(e.getValue());
      entry.remove("name"); // the section names the schedule
      try {
        Optional<Schedule> existing =
            schedules.get(e.getKey()).filter(s -> s.name().equals(e.getKey()));
        if (existing.isEmpty()) {
          Schedule s = schedules.create(schedules.parse(e.getKey(), entry, now), now);
          log.info("{}: schedule created, first fire {}", where, s.nextRunAt());
          continue;
        }
        // Parsed as of its creation, so an unchanged interval keeps its anchor and compares equal.
        ScheduleDefinition def = schedules.parse(e.getKey(), entry, existing.get().createdAt());
        if (!def.equals(existing.get().definition())) {
          Schedule s = schedules.update(existing.get().id(), def.toMap());
          log.info("{}: schedule updated, next fire {}", where, s.nextRunAt());
        }
      } catch (BatonException ex) {
        problems.add(where + ": " + ex.getMessage());
      }
    }
    problems.forEach(p -> log.error("schedule refused: {}", p));
    return problems;
  }

  /** Creates or replaces each {@code [calendars.<name>]}; an unchanged one is left alone. */
  private static List<String> putCalendars(
      Path file, Map<String, Object> section, Calendars calendars) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Object> e : section.entrySet()) {
      String where = file + " [" + CALENDARS + "." + e.getKey() + "]";
      try {
        if (!(e.getValue() instanceof Map<?, ?> table)) {
          throw BatonException.invalid(
              "expected a table of calendar keys, e.g. [" + CALENDARS + "." + e.getKey() + "]");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        table.forEach((k, v) -> body.put(String.valueOf(k), v));
        for (String key : body.keySet()) {
          if (!CalendarMaps.KEYS.contains(key)) {
            throw BatonException.invalid(
                "unknown key '"
                    + key
                    + "'; expected "
                    + String.join(", ", sorted(CalendarMaps.KEYS)));
          }
        }
        BusinessCalendar c = calendars.parse(e.getKey(), body);
        if (!calendars.get(e.getKey()).map(c::equals).orElse(false)) {
          calendars.put(e.getKey(), body);
          log.info("{}: calendar put", where);
        }
      } catch (BatonException ex) {
        problems.add(where + ": " + ex.getMessage());
      }
    }
    problems.forEach(p -> log.error("calendar refused: {}", p));
    return problems;
  }

  private static List<String> sorted(java.util.Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
