package dev.baton.schedule;

import java.util.Locale;

/**
 * What a schedule that names a {@link BusinessCalendar} does with a fire that falls on a
 * non-working time. The fire times come from the timing first (with its {@link DstPolicy}); the
 * calendar then keeps, moves or drops each; the missed-fire and overlap policies see the result.
 */
public enum CalendarPolicy {
  /** The fire does not happen (default). */
  SKIP,
  /**
   * On a non-working day: the same time of day on the next working day, brought into that day's
   * working hours (to its next opening, or its closing when the hours are over). On a working day
   * outside its hours: the next opening, that day or the next working day.
   */
  NEXT_WORKING_TIME,
  /**
   * On a non-working day: the same time of day on the previous working day, brought into that day's
   * working hours (to its previous closing, or its opening when the time is before it). On a
   * working day outside its hours: the previous closing, that day or the previous working day.
   */
  PREVIOUS_WORKING_TIME;

  public static final CalendarPolicy DEFAULT = SKIP;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads {@code skip}, {@code next_working_time} or {@code previous_working_time}. */
  public static CalendarPolicy parse(String s) {
    for (CalendarPolicy p : values()) {
      if (p.wireName().equals(s.trim().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "calendar_policy: unknown policy '"
            + s
            + "'; use skip, next_working_time or previous_working_time");
  }
}
