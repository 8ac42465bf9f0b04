package dev.baton.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When a schedule fires: the "when" without the "what". A timing is a value; it knows nothing of
 * time zones or clocks. {@link FireTimes} computes its fire instants for a zone, a {@link
 * DstPolicy} and a moment.
 *
 * <p>Two kinds:
 *
 * <ul>
 *   <li><b>Calendar timings</b>, {@link Cron}, {@link Daily}, {@link Weekly} and {@link Monthly},
 *       name local date-times (wall-clock times in the schedule's zone). They keep their wall-clock
 *       time across daylight-saving changes: a daily 09:00 fires at 09:00 in summer and in winter.
 *       A local time the clock skips or repeats is handled by the {@link DstPolicy}.
 *   <li><b>Instant timings</b>, {@link Interval} and {@link Once}, name instants on the real time
 *       line. DST does not touch them: an interval of 24 hours fires every 24 real hours, so its
 *       wall-clock time moves by an hour when the clocks change.
 * </ul>
 *
 * <p>Fire times are computed from the timing, never from when a fire actually ran, so they do not
 * drift: a late or missed fire does not move the next one. What happens to fires missed while Baton
 * was down is a {@link MissedPolicy}.
 *
 * <p>Each record checks its arguments and throws a {@link TimingException} naming the one that is
 * wrong. Times of day are kept to the second.
 */
public sealed interface Timing
    permits Timing.Cron, Timing.Interval, Timing.Daily, Timing.Weekly, Timing.Monthly, Timing.Once {

  /**
   * Fires at the local date-times a cron expression names. See {@link CronExpression} for the
   * syntax.
   */
  record Cron(CronExpression expression) implements Timing {
    @Override
    public String toString() {
      return "cron '" + expression.text() + "'";
    }
  }

  /**
   * Fires at {@code anchor}, {@code anchor + every}, {@code anchor + 2 × every}, ... on the real
   * time line; never before the anchor. Pure instant arithmetic: no time zone or DST effect, and no
   * drift, since each fire is computed from the anchor. {@code every} is at least one second.
   */
  record Interval(Duration every, Instant anchor) implements Timing {
    public Interval {
      if (every.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new TimingException(
            "interval: every must be at least 1 second, was " + every, "every");
      }
    }
  }

  /** Fires every day at {@code at} local time. */
  record Daily(LocalTime at) implements Timing {
    public Daily {
      at = at.truncatedTo(ChronoUnit.SECONDS);
    }
  }

  /** Fires at {@code at} local time on each of {@code days} (at least one). */
  record Weekly(Set<DayOfWeek> days, LocalTime at) implements Timing {
    public Weekly {
      if (days.isEmpty()) {
        throw new TimingException("weekly: at least one day is needed", "days");
      }
      days = Collections.unmodifiableSet(EnumSet.copyOf(days));
      at = at.truncatedTo(ChronoUnit.SECONDS);
    }
  }

  /**
   * Fires at {@code at} local time on each of {@code dates} (days of the month, 1 to 31, at least
   * one). A month that lacks a date does not fire for it: 31 fires in the seven months that have a
   * 31st, 30 does not fire in February, 29 fires in February only in leap years. This is how cron
   * reads {@code 0 0 31 * *} and how Avtomatika reads {@code monthly_dates}; the last day of every
   * month is the cron expression {@code 0 0 L * *}.
   */
  record Monthly(SortedSet<Integer> dates, LocalTime at) implements Timing {
    public Monthly {
      if (dates.isEmpty()) {
        throw new TimingException("monthly: at least one date is needed", "dates");
      }
      for (int date : dates) {
        if (date < 1 || date > 31) {
          throw new TimingException("monthly: date " + date + " is out of range 1-31", "dates");
        }
      }
      dates = Collections.unmodifiableSortedSet(new TreeSet<>(dates));
      at = at.truncatedTo(ChronoUnit.SECONDS);
    }
  }

  /** Fires once, at {@code at}. */
  record Once(Instant at) implements Timing {}

  /**
   * A cron timing.
   *
   * @throws TimingException if the expression is malformed or never fires
   */
  static Cron cron(String expression) {
    return new Cron(CronExpression.parse(expression));
  }

  /** Fires every {@code every} from {@code anchor} on (the anchor is the first fire). */
  static Interval every(Duration every, Instant anchor) {
    return new Interval(every, anchor);
  }

  /** Fires every day at {@code at}. */
  static Daily daily(LocalTime at) {
    return new Daily(at);
  }

  /** Fires on {@code days} at {@code at}. */
  static Weekly weekly(Set<DayOfWeek> days, LocalTime at) {
    return new Weekly(days, at);
  }

  /** Fires on {@code dates} of each month (1-31) at {@code at}. */
  static Monthly monthly(Collection<Integer> dates, LocalTime at) {
    return new Monthly(new TreeSet<>(dates), at);
  }

  /** Fires once at {@code at}. */
  static Once once(Instant at) {
    return new Once(at);
  }
}
