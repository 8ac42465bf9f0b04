package dev.baton.app;

import dev.baton.engine.BatonException;
import dev.baton.engine.Schedules;
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
 */
final class SchedulesFile {
  private static final Logger log = LoggerFactory.getLogger(SchedulesFile.class);

  private SchedulesFile() {}

  /** The file's sections as plain values, by name, in file order. */
  static Map<String, Map<String, Object>> read(Path file) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> s : TomlFiles.sections(file, "schedule").entrySet()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> entry = TomlFiles.TOML.treeToValue(s.getValue(), LinkedHashMap.class);
      entry.putIfAbsent("missed", "last");
      out.put(s.getKey(), entry);
    }
    return out;
  }

  /**
   * Creates or updates the file's schedules. A section that is wrong (no blueprint, a bad timing, a
   * blueprint that is not loaded) is refused with a message naming the file, the section and the
   * key, and skipped; the others load.
   *
   * @return the problems, one line each
   */
  static List<String> apply(
      Path file, Map<String, Map<String, Object>> entries, Schedules schedules, Instant now) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : entries.entrySet()) {
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
}
