package dev.baton.store;

import dev.baton.schedule.BusinessCalendar;
import java.util.List;
import java.util.Optional;

/**
 * Business calendars, by name. A calendar is one small document that schedules refer to by name; it
 * is written on its own (not with a job), so it has plain writes rather than {@link Change}s.
 * Checked by {@code CalendarStoreContract}; safe to call from many threads.
 */
public interface CalendarStore {

  Optional<BusinessCalendar> calendar(String name);

  /** Every calendar, by name. */
  List<BusinessCalendar> calendars();

  /**
   * Stores a new calendar.
   *
   * @return false, storing nothing, when a calendar of that name exists
   */
  boolean insertCalendar(BusinessCalendar calendar);

  /**
   * Replaces a stored calendar.
   *
   * @return false, storing nothing, when there is no calendar of that name
   */
  boolean updateCalendar(BusinessCalendar calendar);

  /**
   * @return whether there was a calendar of that name to delete
   */
  boolean deleteCalendar(String name);
}
