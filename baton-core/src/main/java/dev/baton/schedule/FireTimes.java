package dev.baton.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Computes when a {@link Timing} fires, in a time zone, under a {@link DstPolicy}. Pure functions
 * of their arguments: the caller passes "now" from its clock, so tests drive time by hand.
 *
 * <p>A calendar timing names local date-times; each becomes an instant as follows:
 *
 * <ul>
 *   <li>a local time that occurs once is that instant;
 *   <li>a local time that occurs twice (the hour repeated when the clocks go back) is its
 *       <em>first</em> occurrence, under either policy, so it fires once;
 *   <li>a local time that does not occur (the hour skipped when the clocks go forward) is, under
 *       {@link DstPolicy#SHIFT}, the instant of the jump (local time: the end of the gap, 03:00
 *       when 02:00 jumps to 03:00), and under {@link DstPolicy#SKIP} nothing.
 * </ul>
 *
 * <p>The fire times are the distinct instants obtained this way, in order; several local times that
 * land on the same instant fire once. {@link Timing.Interval} and {@link Timing.Once} are instants
 * already: zone and policy do not change them.
 *
 * <p>A schedule is expected to keep one instant, {@code since}: the last moment it was handled (its
 * creation time at first). Each time the scheduler looks, it runs {@link #due}{@code (since, now)},
 * then stores {@code now} as the new {@code since} and sleeps until {@link #next}{@code (now)}.
 */
public final class FireTimes {
  /** A calendar timing that has not fired for this long will not fire again. */
  private static final int HORIZON_YEARS = 400;

  /** The most fire times {@link #preview} lists. */
  public static final int MAX_PREVIEW = 10_000;

  private FireTimes() {}

  /**
   * The first fire strictly after {@code after}, or empty if the timing will not fire again (a
   * {@link Timing.Once} in the past, or a calendar timing whose every fire falls in a DST gap that
   * {@link DstPolicy#SKIP} skips).
   */
  public static Optional<Instant> next(Timing timing, ZoneId zone, Instant after, DstPolicy dst) {
    return next(timing, zone, after, dst, null);
  }

  /**
   * As {@link #next(Timing, ZoneId, Instant, DstPolicy)}, then kept, moved or dropped by a business
   * calendar ({@code shift}; null for none): the one place a calendar touches fire times.
   */
  public static Optional<Instant> next(
      Timing timing, ZoneId zone, Instant after, DstPolicy dst, @Nullable CalendarShift shift) {
    if (shift == null) {
      return planned(timing, zone, after, dst);
    }
    return shift.next(a -> planned(timing, zone, a, dst), after);
  }

  /**
   * What a calendar does to the timing's planned fires that bear on its fires in {@code (from,
   * to]}: each skipped or moved, with the reason; at most {@code limit}.
   */
  public static List<CalendarShift.Effect> effects(
      Timing timing,
      ZoneId zone,
      DstPolicy dst,
      CalendarShift shift,
      Instant from,
      Instant to,
      int limit) {
    return shift.effects(a -> planned(timing, zone, a, dst), from, to, limit);
  }

  /** The timing's own next fire, before any calendar. */
  private static Optional<Instant> planned(
      Timing timing, ZoneId zone, Instant after, DstPolicy dst) {
    return switch (timing) {
      case Timing.Once once -> once.at().isAfter(after) ? Optional.of(once.at()) : Optional.empty();
      case Timing.Interval interval -> Optional.of(nextInterval(interval, after));
      case Timing.Cron cron -> nextLocal(cron(cron.expression()), zone, after, dst);
      case Timing.Daily daily -> nextLocal(daily(daily), zone, after, dst);
      case Timing.Weekly weekly -> nextLocal(weekly(weekly), zone, after, dst);
      case Timing.Monthly monthly -> nextLocal(monthly(monthly), zone, after, dst);
    };
  }

  /**
   * The next {@code n} fires strictly after {@code from}, in order; fewer if the timing stops
   * firing. {@code n} is at most {@value #MAX_PREVIEW}.
   */
  public static List<Instant> preview(
      Timing timing, ZoneId zone, DstPolicy dst, Instant from, int n) {
    if (n < 0 || n > MAX_PREVIEW) {
      throw new IllegalArgumentException(
          "preview: n must be within 0-" + MAX_PREVIEW + ", was " + n);
    }
    return between(timing, zone, dst, from, Instant.MAX, n);
  }

  /** As {@link #preview(Timing, ZoneId, DstPolicy, Instant, int)}, with a calendar (or null). */
  public static List<Instant> preview(
      Timing timing,
      ZoneId zone,
      DstPolicy dst,
      @Nullable CalendarShift shift,
      Instant from,
      int n) {
    if (n < 0 || n > MAX_PREVIEW) {
      throw new IllegalArgumentException(
          "preview: n must be within 0-" + MAX_PREVIEW + ", was " + n);
    }
    return between(timing, zone, dst, shift, from, Instant.MAX, n);
  }

  /**
   * The fires to run now, oldest first: those in {@code (since, now]} that {@code missed} keeps
   * (see {@link MissedPolicy}). {@code since} is exclusive: it is the last moment already handled
   * (the schedule's creation time, or the {@code now} of the previous call). After running them,
   * store {@code now} as the new {@code since}, whatever was returned; the next fire is {@link
   * #next}{@code (timing, zone, now, dst)}, so with {@link Missed#NONE} a long outage resumes with
   * the first fire after now.
   */
  public static List<Instant> due(
      Timing timing, ZoneId zone, DstPolicy dst, Instant since, Instant now, MissedPolicy missed) {
    return due(timing, zone, dst, null, since, now, missed);
  }

  /**
   * As {@link #due(Timing, ZoneId, DstPolicy, Instant, Instant, MissedPolicy)}, with a calendar (or
   * null): the missed-fire policy sees the fires as the calendar left them.
   */
  public static List<Instant> due(
      Timing timing,
      ZoneId zone,
      DstPolicy dst,
      @Nullable CalendarShift shift,
      Instant since,
      Instant now,
      MissedPolicy missed) {
    if (!now.isAfter(since)) {
      return List.of();
    }
    return switch (missed.missed()) {
      case ALL -> latest(timing, zone, dst, shift, since, now, missed.cap());
      case LAST -> latest(timing, zone, dst, shift, since, now, 1);
      case NONE -> {
        Instant onTime = now.minus(missed.grace());
        yield latest(
            timing, zone, dst, shift, onTime.isAfter(since) ? onTime : since, now, missed.cap());
      }
    };
  }

  /**
   * Refuses a timing that will not fire after {@code now}: a {@link Timing.Once} in the past, or a
   * calendar timing all of whose fires fall in DST gaps that {@link DstPolicy#SKIP} skips. Cron
   * expressions that never fire are refused earlier, by {@link CronExpression#parse}.
   *
   * @return the first fire after {@code now}
   * @throws TimingException if there is none
   */
  public static Instant requireNext(Timing timing, ZoneId zone, DstPolicy dst, Instant now) {
    return requireNext(timing, zone, dst, now, null);
  }

  /** As {@link #requireNext(Timing, ZoneId, DstPolicy, Instant)}, with a calendar (or null). */
  public static Instant requireNext(
      Timing timing, ZoneId zone, DstPolicy dst, Instant now, @Nullable CalendarShift shift) {
    return next(timing, zone, now, dst, shift)
        .orElseThrow(() ->
            new TimingException(
                timing
                    + " in "
                    + zone
                    + " with DST policy "
                    + dst
                    + (shift == null
                        ? ""
                        : " and calendar '"
                            + shift.calendar().name()
                            + "' ("
                            + shift.policy().wireName()
                            + ")")
                    + " never fires after "
                    + now));
  }

  /** The first fires in {@code (from, to]}, at most {@code limit}. */
  static List<Instant> between(
      Timing timing, ZoneId zone, DstPolicy dst, Instant from, Instant to, int limit) {
    return between(timing, zone, dst, null, from, to, limit);
  }

  static List<Instant> between(
      Timing timing,
      ZoneId zone,
      DstPolicy dst,
      @Nullable CalendarShift shift,
      Instant from,
      Instant to,
      int limit) {
    List<Instant> fires = new ArrayList<>();
    Instant cursor = from;
    while (fires.size() < limit) {
      Optional<Instant> next = next(timing, zone, cursor, dst, shift);
      if (next.isEmpty() || next.get().isAfter(to)) {
        break;
      }
      fires.add(next.get());
      cursor = next.get();
    }
    return fires;
  }

  /**
   * The last {@code n} fires in {@code (from, to]}, oldest first, without walking through all of
   * them: if there are more than {@code n}, a binary search finds the second from which exactly
   * {@code n} remain. This relies on fires being at least a second apart, which holds for every
   * timing (cron and times of day are kept to the second; intervals are at least a second).
   */
  static List<Instant> latest(
      Timing timing,
      ZoneId zone,
      DstPolicy dst,
      @Nullable CalendarShift shift,
      Instant from,
      Instant to,
      int n) {
    List<Instant> first = between(timing, zone, dst, shift, from, to, n + 1);
    if (first.size() <= n) {
      return first;
    }
    // Invariant: (lo, to] holds at least n fires, (hi, to] fewer than n.
    Instant lo = first.get(0).minusNanos(1);
    Instant hi = to;
    Duration second = Duration.ofSeconds(1);
    while (Duration.between(lo, hi).compareTo(second) > 0) {
      Instant mid = lo.plus(Duration.between(lo, hi).dividedBy(2));
      if (between(timing, zone, dst, shift, mid, to, n).size() >= n) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return between(timing, zone, dst, shift, lo, to, n);
  }

  /**
   * The instant a local date-time stands for as a one-off: its first occurrence if the clocks
   * repeat it, the jump if they skip it (as {@link DstPolicy#SHIFT} does).
   */
  static Instant resolveShifted(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    if (transition != null && transition.isGap()) {
      return transition.getInstant();
    }
    // In an overlap, ofLocal without a preferred offset takes the earlier one: the first pass.
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }

  private static Instant nextInterval(Timing.Interval interval, Instant after) {
    Instant anchor = interval.anchor();
    if (after.isBefore(anchor)) {
      return anchor;
    }
    long done = Duration.between(anchor, after).dividedBy(interval.every());
    return anchor.plus(interval.every().multipliedBy(done + 1));
  }

  /** The local date-times a calendar timing names, as a walk. */
  @FunctionalInterface
  private interface LocalSequence {
    /** The first local date-time named at or after {@code t}, or null if there is none. */
    @Nullable LocalDateTime firstFrom(LocalDateTime t);
  }

  private static Optional<Instant> nextLocal(
      LocalSequence sequence, ZoneId zone, Instant after, DstPolicy dst) {
    ZoneRules rules = zone.getRules();
    LocalDateTime from = LocalDateTime.ofInstant(after, zone);
    // Local times before `from` are all at or before `after`. So are the rest of an overlap when
    // `after` is in its second pass: they fire at their first pass. Skip to the overlap's end.
    ZoneOffsetTransition overlap = rules.getTransition(from);
    if (overlap != null
        && overlap.isOverlap()
        && rules.getOffset(after).equals(overlap.getOffsetAfter())) {
      from = overlap.getDateTimeBefore();
    }
    LocalDateTime horizon = from.plusYears(HORIZON_YEARS);
    LocalDateTime local = sequence.firstFrom(from);
    while (local != null && local.isBefore(horizon)) {
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      if (offsets.isEmpty()) {
        ZoneOffsetTransition gap = Objects.requireNonNull(rules.getTransition(local));
        if (dst == DstPolicy.SHIFT && gap.getInstant().isAfter(after)) {
          return Optional.of(gap.getInstant());
        }
        local = sequence.firstFrom(gap.getDateTimeAfter());
        continue;
      }
      Instant instant = local.toInstant(offsets.get(0));
      for (ZoneOffset offset : offsets) {
        Instant other = local.toInstant(offset);
        if (other.isBefore(instant)) {
          instant = other;
        }
      }
      if (instant.isAfter(after)) {
        return Optional.of(instant);
      }
      local = sequence.firstFrom(local.plusNanos(1));
    }
    return Optional.empty();
  }

  private static LocalSequence cron(CronExpression expression) {
    // nextAfter works on whole seconds, strictly after; cron names whole seconds only.
    return t -> {
      boolean wholeSecond = t.truncatedTo(ChronoUnit.SECONDS).equals(t);
      return expression.nextAfter(wholeSecond ? t.minusSeconds(1) : t).orElse(null);
    };
  }

  private static LocalSequence daily(Timing.Daily daily) {
    return t -> {
      LocalDateTime today = t.toLocalDate().atTime(daily.at());
      return today.isBefore(t) ? today.plusDays(1) : today;
    };
  }

  private static LocalSequence weekly(Timing.Weekly weekly) {
    return t -> {
      for (int i = 0; i <= 7; i++) {
        LocalDate date = t.toLocalDate().plusDays(i);
        DayOfWeek day = date.getDayOfWeek();
        LocalDateTime candidate = date.atTime(weekly.at());
        if (weekly.days().contains(day) && !candidate.isBefore(t)) {
          return candidate;
        }
      }
      throw new IllegalStateException("a weekly timing has a day in every week");
    };
  }

  private static LocalSequence monthly(Timing.Monthly monthly) {
    return t -> {
      YearMonth month = YearMonth.from(t);
      // Every date from 1 to 31 occurs within 12 months of any month.
      for (int i = 0; i <= 12; i++, month = month.plusMonths(1)) {
        for (int date : monthly.dates()) {
          if (date > month.lengthOfMonth()) {
            break;
          }
          LocalDateTime candidate = month.atDay(date).atTime(monthly.at());
          if (!candidate.isBefore(t)) {
            return candidate;
          }
        }
      }
      throw new IllegalStateException("a monthly timing fires within a year");
    };
  }
}
