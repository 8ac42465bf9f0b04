package dev.baton.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A named business calendar: which days are working days (days of the week, less holidays given as
 * dates or read from an iCalendar file), the working hours of such a day, and the time zone all of
 * this is read in. A schedule names a calendar with a {@link CalendarPolicy} for its fires that
 * fall on a non-working time; see {@link CalendarShift}. Read and written as a map by {@link
 * CalendarMaps}.
 *
 * @param holidays named dates that are not working days (the name may be empty)
 * @param ics holidays from an iCalendar file, or null
 * @param hours a working day's working time, in order, not overlapping; {@link
 *     WorkingHours#WHOLE_DAY} when the calendar names none
 */
public record BusinessCalendar(
    String name,
    String description,
    ZoneId zone,
    Set<DayOfWeek> workingDays,
    SortedMap<LocalDate, String> holidays,
    @Nullable IcsHolidays ics,
    List<WorkingHours> hours) {

  public static final int MAX_NAME = 200;

  /** How far a working day is looked for; a calendar without one in ten years moves nothing. */
  private static final int SEARCH_DAYS = 3_660;

  public BusinessCalendar {
    if (name.isBlank() || name.length() > MAX_NAME || !name.equals(name.trim())) {
      throw new IllegalArgumentException(
          "name: required, 1 to "
              + MAX_NAME
              + " characters without spaces around; was '"
              + name
              + "'");
    }
    if (workingDays.isEmpty()) {
      throw new IllegalArgumentException("working_days: at least one day is needed");
    }
    if (hours.isEmpty()) {
      throw new IllegalArgumentException("hours: at least one span is needed (or leave it out)");
    }
    List<WorkingHours> sorted = new ArrayList<>(hours);
    Collections.sort(sorted);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).opens() <= sorted.get(i - 1).closes()) {
        throw new IllegalArgumentException(
            "hours: " + sorted.get(i - 1) + " and " + sorted.get(i) + " overlap or touch");
      }
    }
    workingDays = Collections.unmodifiableSet(EnumSet.copyOf(workingDays));
    holidays = Collections.unmodifiableSortedMap(new TreeMap<>(holidays));
    hours = List.copyOf(sorted);
  }

  /** The holiday's name ({@code ""} when it has none) if {@code date} is a holiday. */
  public Optional<String> holiday(LocalDate date) {
    String named = holidays.get(date);
    if (named != null) {
      return Optional.of(named);
    }
    return ics == null ? Optional.empty() : ics.holiday(date);
  }

  /** A day of the working week that is not a holiday. */
  public boolean isWorkingDay(LocalDate date) {
    return workingDays.contains(date.getDayOfWeek()) && holiday(date).isEmpty();
  }

  /** Whether an instant falls on a working day, within its working hours. */
  public boolean isWorking(Instant t) {
    return whyNotWorking(t).isEmpty();
  }

  /**
   * Why an instant is not working time ({@code "2026-12-25 is a holiday (Christmas Day)"}), or
   * empty when it is.
   */
  public Optional<String> whyNotWorking(Instant t) {
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    LocalDate date = local.toLocalDate();
    if (!workingDays.contains(date.getDayOfWeek())) {
      return Optional.of(dayName(date) + " " + date + " is not a working day");
    }
    Optional<String> holiday = holiday(date);
    if (holiday.isPresent()) {
      return Optional.of(
          date + " is a holiday" + (holiday.get().isEmpty() ? "" : " (" + holiday.get() + ")"));
    }
    if (hours.stream().noneMatch(h -> h.contains(local.toLocalTime()))) {
      return Optional.of(
          local.toLocalTime() + " on " + date + " is outside the working hours " + hoursText());
    }
    return Optional.empty();
  }

  /** The first working day after {@code date}, within ten years. */
  public Optional<LocalDate> nextWorkingDay(LocalDate date) {
    return search(date, 1);
  }

  /** The last working day before {@code date}, within ten years. */
  public Optional<LocalDate> previousWorkingDay(LocalDate date) {
    return search(date, -1);
  }

  /** The first working instant at or after {@code t}: {@code t}, or the next opening. */
  public Optional<Instant> nextOpening(Instant t) {
    if (isWorking(t)) {
      return Optional.of(t);
    }
    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
    LocalDate date = local.toLocalDate();
    if (isWorkingDay(date)) {
      for (WorkingHours h : hours) {
        if (h.opens() > local.toLocalTime().toSecondOfDay()) {
          return Optional.of(at(date, h.opening()));
        }
      }
    }
    return nextWorkingDay(date).map(d -> at(d, hours.get(0).opening()));
  }

  /** The instant of a local date and time in this calendar's zone (a DST gap: the jump). */
  Instant at(LocalDate date, LocalTime time) {
    return FireTimes.resolveShifted(date.atTime(time), zone);
  }

  String hoursText() {
    return String.join(", ", hours.stream().map(WorkingHours::toString).toList());
  }

  private Optional<LocalDate> search(LocalDate date, int step) {
    LocalDate d = date;
    for (int i = 0; i < SEARCH_DAYS; i++) {
      d = d.plusDays(step);
      if (isWorkingDay(d)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private static String dayName(LocalDate date) {
    return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }
}
