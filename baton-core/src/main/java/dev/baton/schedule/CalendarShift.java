package dev.baton.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A schedule's calendar and its policy, applied to the fires of its timing: the one place where a
 * fire on a non-working time is kept, moved or dropped. {@link FireTimes} asks it for the next
 * fire, so the missed-fire policy, the overlap policy and the preview all see moved fires.
 *
 * <p>Moving keeps fires distinct: several fires that land on the same instant (a weekend's fires
 * moved to Monday's opening) fire once. A fire moved to another day keeps its time of day, so fires
 * may land in another order than they were planned; the next fire is the earliest of them.
 *
 * @param calendar the calendar; its zone decides what is working time, whatever the schedule's zone
 */
public record CalendarShift(BusinessCalendar calendar, CalendarPolicy policy) {
  /** How far ahead a fire is looked for before the schedule is taken to have none left. */
  private static final int HORIZON_YEARS = 10;

  /** What the calendar does to one planned fire; {@code firesAt} is null when it is skipped. */
  public record Effect(Instant plannedAt, @Nullable Instant firesAt, String reason) {}

  /** Where a planned fire fires: itself on working time, else as the policy says, or nowhere. */
  public Optional<Instant> apply(Instant fire) {
    if (calendar.isWorking(fire)) {
      return Optional.of(fire);
    }
    LocalDateTime local = LocalDateTime.ofInstant(fire, calendar.zone());
    LocalDate date = local.toLocalDate();
    LocalTime time = local.toLocalTime();
    List<WorkingHours> hours = calendar.hours();
    int second = time.toSecondOfDay();
    return switch (policy) {
      case SKIP -> Optional.empty();
      case NEXT_WORKING_TIME -> {
        if (calendar.isWorkingDay(date)) {
          yield calendar.nextOpening(fire);
        }
        yield calendar
            .nextWorkingDay(date)
            .map(d -> {
              for (WorkingHours h : hours) {
                if (h.contains(time)) {
                  return calendar.at(d, time);
                }
                if (h.opens() > second) {
                  return calendar.at(d, h.opening());
                }
              }
              return calendar.at(d, hours.get(hours.size() - 1).closing());
            });
      }
      case PREVIOUS_WORKING_TIME -> {
        if (calendar.isWorkingDay(date)) {
          for (WorkingHours h : hours.reversed()) {
            if (h.closes() < second) {
              yield Optional.of(calendar.at(date, h.closing()));
            }
          }
          yield calendar
              .previousWorkingDay(date)
              .map(d -> calendar.at(d, hours.get(hours.size() - 1).closing()));
        }
        yield calendar
            .previousWorkingDay(date)
            .map(d -> {
              for (WorkingHours h : hours.reversed()) {
                if (h.contains(time)) {
                  return calendar.at(d, time);
                }
                if (h.closes() < second) {
                  return calendar.at(d, h.closing());
                }
              }
              return calendar.at(d, hours.get(0).opening());
            });
      }
    };
  }

  /** What the calendar does to a planned fire, or empty when the fire is on working time. */
  public Optional<Effect> effect(Instant fire) {
    return calendar
        .whyNotWorking(fire)
        .map(why -> {
          @Nullable Instant to = apply(fire).orElse(null);
          String what =
              to == null
                  ? "skipped"
                  : "moved to the " + (to.isAfter(fire) ? "next" : "previous") + " working time";
          return new Effect(fire, to, why + ": " + what);
        });
  }

  /**
   * The first fire strictly after {@code after}, given the timing's own next fire ({@code raw}:
   * strictly after its argument).
   */
  public Optional<Instant> next(Function<Instant, Optional<Instant>> raw, Instant after) {
    Instant horizon =
        ZonedDateTime.ofInstant(after, calendar.zone()).plusYears(HORIZON_YEARS).toInstant();
    return switch (policy) {
      case SKIP -> nextSkipping(raw, after, horizon);
      case NEXT_WORKING_TIME -> nextMovedForward(raw, after, horizon);
      case PREVIOUS_WORKING_TIME -> nextMovedBack(raw, after, horizon);
    };
  }

  /**
   * What the calendar does to the planned fires that bear on the fires after {@code from}, up to
   * {@code to}: each one skipped or moved, at most {@code limit}, in planned order.
   */
  public List<Effect> effects(
      Function<Instant, Optional<Instant>> raw, Instant from, Instant to, int limit) {
    List<Effect> out = new ArrayList<>();
    Optional<Instant> r = raw.apply(lookBackFrom(from));
    while (r.isPresent() && !r.get().isAfter(to) && out.size() < limit) {
      Instant planned = r.get();
      effect(planned)
          .filter(e -> e.firesAt() == null ? planned.isAfter(from) : e.firesAt().isAfter(from))
          .ifPresent(out::add);
      r = raw.apply(planned);
    }
    return out;
  }

  private Optional<Instant> nextSkipping(
      Function<Instant, Optional<Instant>> raw, Instant after, Instant horizon) {
    Optional<Instant> r = raw.apply(after);
    while (r.isPresent() && r.get().isBefore(horizon)) {
      if (calendar.isWorking(r.get())) {
        return r;
      }
      // Jump over the rest of the non-working stretch rather than walk every fire in it.
      Optional<Instant> opening = calendar.nextOpening(r.get());
      if (opening.isEmpty()) {
        return Optional.empty();
      }
      r = raw.apply(opening.get().minusNanos(1));
    }
    return Optional.empty();
  }

  /**
   * Moved forward, a fire lands at most at the end of the first working day after its own day, so
   * the planned fires that can land after {@code after} start at the working day before it.
   * Scanning stops at a planned fire later than the best found, since none lands before itself.
   */
  private Optional<Instant> nextMovedForward(
      Function<Instant, Optional<Instant>> raw, Instant after, Instant horizon) {
    @Nullable Instant best = null;
    Optional<Instant> r = raw.apply(lookBackFrom(after));
    while (r.isPresent() && r.get().isBefore(horizon) && (best == null || r.get().isBefore(best))) {
      Optional<Instant> at = apply(r.get());
      if (at.isPresent() && at.get().isAfter(after) && (best == null || at.get().isBefore(best))) {
        best = at.get();
      }
      r = raw.apply(r.get());
    }
    return Optional.ofNullable(best);
  }

  /**
   * Moved back, a fire lands no earlier than the start of the working day before its own day, so
   * once that is past the best found, no later planned fire can land before it.
   */
  private Optional<Instant> nextMovedBack(
      Function<Instant, Optional<Instant>> raw, Instant after, Instant horizon) {
    @Nullable Instant best = null;
    Optional<Instant> r = raw.apply(after);
    while (r.isPresent() && r.get().isBefore(horizon)) {
      if (best != null && !earliestLanding(r.get()).isBefore(best)) {
        break;
      }
      Optional<Instant> at = apply(r.get());
      if (at.isPresent() && at.get().isAfter(after) && (best == null || at.get().isBefore(best))) {
        best = at.get();
      }
      r = raw.apply(r.get());
    }
    return Optional.ofNullable(best);
  }

  private Instant earliestLanding(Instant fire) {
    LocalDate day = LocalDateTime.ofInstant(fire, calendar.zone()).toLocalDate();
    LocalDate before = calendar.previousWorkingDay(day).orElse(day);
    return before.atStartOfDay(calendar.zone()).toInstant();
  }

  /** Where planned fires start that may land after {@code t} (for a forward move). */
  private Instant lookBackFrom(Instant t) {
    if (policy != CalendarPolicy.NEXT_WORKING_TIME) {
      return t;
    }
    LocalDate day = LocalDateTime.ofInstant(t, calendar.zone()).toLocalDate();
    return calendar
        .previousWorkingDay(day)
        .map(d -> d.atStartOfDay(calendar.zone()).toInstant().minusNanos(1))
        .filter(b -> b.isBefore(t))
        .orElse(t);
  }
}
