package dev.baton.engine;

import dev.baton.schedule.BusinessCalendar;
import dev.baton.schedule.CalendarMaps;
import dev.baton.schedule.Schedule;
import dev.baton.store.CalendarStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engine's business calendars: create, replace, read and delete them. A calendar is referred to
 * by schedules by name; replacing one recomputes the next fire of every schedule that names it, and
 * deleting one that a schedule names is refused, so a schedule never points at nothing through this
 * API.
 */
public final class Calendars {
  private final CalendarStore store;
  private final Schedules schedules;
  private final ZoneId defaultZone;
  private final Clock clock;

  Calendars(CalendarStore store, Schedules schedules, ZoneId defaultZone, Clock clock) {
    this.clock = clock;
    this.store = store;
    this.schedules = schedules;
    this.defaultZone = defaultZone;
  }

  /** A calendar, and whether the call created it (false: it replaced a stored one). */
  public record Saved(BusinessCalendar calendar, boolean created) {}

  /**
   * Creates a calendar from its keys (see {@link CalendarMaps#parse}).
   *
   * @throws BatonException INVALID naming the key that is wrong; CONFLICT when the name is taken
   */
  public BusinessCalendar create(Map<String, ?> body) {
    BusinessCalendar c = parse(null, body);
    if (!store.insertCalendar(c)) {
      throw BatonException.conflict(
          "a calendar named '" + c.name() + "' already exists; PUT replaces it");
    }
    return c;
  }

  /**
   * Creates the calendar {@code name} or replaces it as a whole (keys left out take their
   * defaults); the schedules that name it get their next fire computed afresh.
   */
  public Saved put(String name, Map<String, ?> body) {
    BusinessCalendar c = parse(name, body);
    boolean created = store.insertCalendar(c);
    if (!created && !store.updateCalendar(c)) {
      // Deleted between the two writes: this call's calendar is the one meant.
      created = store.insertCalendar(c);
      if (!created) {
        throw BatonException.conflict("calendar '" + name + "' changed meanwhile; try again");
      }
    }
    if (!created) {
      schedules.calendarChanged(name);
    }
    return new Saved(c, created);
  }

  /**
   * Deletes a calendar.
   *
   * @throws BatonException NOT_FOUND when there is none; CONFLICT while a schedule names it
   */
  public void delete(String name) {
    require(name);
    List<String> users = schedules.naming(name).stream().map(Schedule::name).toList();
    if (!users.isEmpty()) {
      throw BatonException.conflict(
          "calendar '"
              + name
              + "' is named by schedule(s) "
              + String.join(", ", users)
              + "; change or delete them first");
    }
    if (!store.deleteCalendar(name)) {
      throw BatonException.notFound("Calendar not found: " + name);
    }
  }

  public Optional<BusinessCalendar> get(String name) {
    return store.calendar(name);
  }

  public BusinessCalendar require(String name) {
    return get(name).orElseThrow(() -> BatonException.notFound("Calendar not found: " + name));
  }

  /** Every calendar, by name. */
  public List<BusinessCalendar> list() {
    return store.calendars();
  }

  /**
   * Reads a calendar's keys; errors name the key. A calendar without a working day in the coming
   * year (holidays every day, say from a daily recurring event) is refused: a schedule on it would
   * never fire, and looking for its next working time would take long.
   */
  public BusinessCalendar parse(@Nullable String name, Map<String, ?> body) {
    BusinessCalendar c;
    try {
      c = CalendarMaps.parse(name, body, defaultZone);
    } catch (IllegalArgumentException e) {
      throw BatonException.invalid(String.valueOf(e.getMessage()));
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), c.zone());
    boolean works =
        c.isWorkingDay(today)
            || c.nextWorkingDay(today).filter(d -> d.isBefore(today.plusYears(1))).isPresent();
    if (!works) {
      throw BatonException.invalid(
          "holidays: calendar '"
              + c.name()
              + "' has no working day in the year from "
              + today
              + " (every working day is a holiday)");
    }
    return c;
  }
}
