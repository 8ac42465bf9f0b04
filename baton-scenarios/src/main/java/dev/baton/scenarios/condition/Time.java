package dev.baton.scenarios.condition;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code time}: the first form present decides: {@code time_range} (HH:MM to HH:MM, both inclusive,
 * crossing midnight when start is after end), {@code weekdays} (names, any case) or {@code
 * specific_date} (YYYY-MM-DD); none of them is false. Read in the config's time zone.
 */
record Time(
    @Nullable LocalTime start,
    @Nullable LocalTime end,
    @Nullable Set<String> weekdays,
    @Nullable LocalDate date)
    implements Condition {

  static Condition parse(Map<?, ?> b) {
    try {
      if (b.get("time_range") instanceof Map<?, ?> r) {
        return new Time(
            LocalTime.parse(String.valueOf(r.get("start"))),
            LocalTime.parse(String.valueOf(r.get("end"))),
            null,
            null);
      }
      if (b.get("weekdays") instanceof List<?> days) {
        Set<String> names =
            Set.copyOf(
                days.stream()
                    .map(d -> String.valueOf(d).strip().toUpperCase(java.util.Locale.ROOT))
                    .toList());
        return new Time(null, null, names, null);
      }
      if (b.get("specific_date") != null) {
        return new Time(null, null, null, LocalDate.parse(String.valueOf(b.get("specific_date"))));
      }
    } catch (DateTimeParseException e) {
      throw new ConditionException("time: " + e.getMessage() + "; expected HH:MM or YYYY-MM-DD");
    }
    return new Time(null, null, null, null);
  }

  @Override
  public boolean test(Situation s, Databases databases) {
    if (start != null && end != null) {
      LocalTime now = s.now().toLocalTime().withSecond(0).withNano(0);
      return start.isAfter(end)
          ? !now.isBefore(start) || !now.isAfter(end)
          : !now.isBefore(start) && !now.isAfter(end);
    }
    if (weekdays != null) {
      DayOfWeek today = s.now().getDayOfWeek();
      return weekdays.contains(today.name());
    }
    return date != null && date.equals(s.now().toLocalDate());
  }
}
