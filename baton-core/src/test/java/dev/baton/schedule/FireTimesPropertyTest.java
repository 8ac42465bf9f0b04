package dev.baton.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link FireTimes#next} against a brute-force reference: random cron expressions (and daily,
 * weekly and monthly timings) from a seeded generator, random start instants (many of them close to
 * a DST change), several zones and both DST policies. The reference knows nothing of cron-utils or
 * of {@code FireTimes}: it reads the generated field sets, walks local time minute by minute
 * (second by second within a matching minute), turns each matching local time into an instant with
 * the zone's rules the way {@link DstPolicy} says, and takes the earliest one after the start.
 */
class FireTimesPropertyTest {
  /** Fixed, so that runs repeat; {@code -Dschedule.seed=N -Dschedule.cases=M} explores more. */
  private static final long SEED = Long.getLong("schedule.seed", 20260329L);

  private static final int CASES = Integer.getInteger("schedule.cases", 500);
  private static final int STEPS = 3;
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("Europe/Warsaw"),
          ZoneId.of("America/New_York"),
          ZoneId.of("Asia/Kolkata"),
          // Not required, but a harder case: DST moves the clock by 30 minutes.
          ZoneId.of("Australia/Lord_Howe"));

  /** The sets a cron expression names, as the reference reads them. */
  record Spec(
      String text,
      BitSet seconds,
      BitSet minutes,
      BitSet hours,
      BitSet daysOfMonth,
      boolean domStar,
      BitSet months,
      BitSet daysOfWeek,
      boolean dowStar) {

    boolean dayMatches(LocalDate date) {
      if (!months.get(date.getMonthValue())) {
        return false;
      }
      boolean dom = daysOfMonth.get(date.getDayOfMonth());
      boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
      return (domStar || dowStar) ? (dom && dow) : (dom || dow);
    }
  }

  @Test
  void nextMatchesABruteForceReference() {
    Random random = new Random(SEED);
    int compared = 0;
    int neverFires = 0;
    int nearTransitions = 0;
    int shifted = 0;
    for (int c = 0; c < CASES; c++) {
      ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
      DstPolicy dst = random.nextBoolean() ? DstPolicy.SHIFT : DstPolicy.SKIP;
      Timing timing;
      Spec spec;
      int kind = random.nextInt(10);
      if (kind < 7) {
        spec = randomCron(random, random.nextInt(5) == 0);
        try {
          timing = Timing.cron(spec.text());
        } catch (TimingException e) {
          assertThat(e.getMessage()).endsWith("never fires");
          Instant start = Instant.parse("2024-01-01T00:00:00Z");
          assertThat(reference(spec, ZoneOffset.UTC, start, DstPolicy.SHIFT)).isNull();
          neverFires++;
          continue;
        }
      } else {
        LocalTime at =
            LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(4) == 0 ? 30 : 0);
        if (kind == 7) {
          timing = Timing.daily(at);
          spec = daySpec(at, allOf(1, 31), true, allOf(0, 6), true);
        } else if (kind == 8) {
          Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
          BitSet dows = new BitSet();
          for (int i = 1 + random.nextInt(3); i > 0; i--) {
            DayOfWeek day = DayOfWeek.of(1 + random.nextInt(7));
            days.add(day);
            dows.set(day.getValue() % 7);
          }
          timing = Timing.weekly(days, at);
          spec = daySpec(at, allOf(1, 31), true, dows, false);
        } else {
          Set<Integer> dates = new TreeSet<>();
          BitSet doms = new BitSet();
          for (int i = 1 + random.nextInt(3); i > 0; i--) {
            int date = 1 + random.nextInt(31);
            dates.add(date);
            doms.set(date);
          }
          timing = Timing.monthly(dates, at);
          spec = daySpec(at, doms, false, allOf(0, 6), true);
        }
      }
      Instant after = randomStart(random, zone);
      if (isNearTransition(zone, after)) {
        nearTransitions++;
      }
      for (int step = 0; step < STEPS; step++) {
        Instant expected = reference(spec, zone, after, dst);
        Optional<Instant> actual = FireTimes.next(timing, zone, after, dst);
        String context =
            timing + " in " + zone + " with " + dst + " after " + after + " (case " + c + ")";
        assertThat(actual.orElse(null)).as(context).isEqualTo(expected);
        compared++;
        if (expected == null) {
          break;
        }
        ZoneOffsetTransition jump = zone.getRules().nextTransition(expected.minusSeconds(1));
        if (jump != null && jump.isGap() && jump.getInstant().equals(expected)) {
          shifted++; // fires on the instant of a spring-forward jump
        }
        after = expected;
      }
    }
    // The generator must exercise what it is meant to.
    assertThat(compared).isGreaterThan(CASES * 2);
    assertThat(nearTransitions).isGreaterThan(CASES / 5);
    assertThat(neverFires).isLessThan(CASES / 10);
    assertThat(shifted).isPositive();
  }

  // ----- the reference -----

  /** The earliest instant after {@code after} at which {@code spec} fires, by brute force. */
  static @Nullable Instant reference(Spec spec, ZoneId zone, Instant after, DstPolicy dst) {
    ZoneRules rules = zone.getRules();
    // Start a few hours early: a local time before `after`'s may still come after it.
    LocalDateTime local =
        LocalDateTime.ofInstant(after, zone).minusHours(3).truncatedTo(ChronoUnit.MINUTES);
    LocalDateTime end = local.plusYears(9);
    Instant best = null;
    LocalDateTime firstFound = null;
    while (local.isBefore(end)) {
      if (firstFound != null && local.isAfter(firstFound.plusHours(3))) {
        break;
      }
      if (!spec.dayMatches(local.toLocalDate())) {
        local = local.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      }
      if (!spec.hours().get(local.getHour())) {
        local = local.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        continue;
      }
      if (spec.minutes().get(local.getMinute())) {
        for (int s = 0; s < 60; s++) {
          if (!spec.seconds().get(s)) {
            continue;
          }
          LocalDateTime fire = local.withSecond(s);
          Instant instant = toInstant(fire, rules, dst);
          if (instant != null && instant.isAfter(after)) {
            if (best == null || instant.isBefore(best)) {
              best = instant;
            }
            if (firstFound == null) {
              firstFound = fire;
            }
          }
        }
      }
      local = local.plusMinutes(1);
    }
    return best;
  }

  /** Once for a time that occurs once; the earlier of two; the jump (or nothing) for a gap. */
  private static @Nullable Instant toInstant(LocalDateTime local, ZoneRules rules, DstPolicy dst) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return dst == DstPolicy.SHIFT ? rules.getTransition(local).getInstant() : null;
    }
    Instant earliest = null;
    for (ZoneOffset offset : offsets) {
      Instant instant = local.toInstant(offset);
      if (earliest == null || instant.isBefore(earliest)) {
        earliest = instant;
      }
    }
    return earliest;
  }

  // ----- the generators -----

  private static Spec randomCron(Random random, boolean withSeconds) {
    StringBuilder text = new StringBuilder();
    BitSet seconds = new BitSet();
    if (withSeconds) {
      String field = randomField(random, 0, 59, 0.3, seconds, false);
      text.append(field).append(' ');
    } else {
      seconds.set(0);
    }
    BitSet minutes = new BitSet();
    BitSet hours = new BitSet();
    BitSet doms = new BitSet();
    BitSet months = new BitSet();
    BitSet dows = new BitSet();
    String minute = randomField(random, 0, 59, 0.2, minutes, false);
    String hour = randomField(random, 0, 23, 0.3, hours, false);
    String dom = randomField(random, 1, 31, 0.6, doms, false);
    String month = randomField(random, 1, 12, 0.7, months, false);
    String dow = randomField(random, 0, 7, 0.6, dows, true);
    text.append(String.join(" ", minute, hour, dom, month, dow));
    return new Spec(
        text.toString(), seconds, minutes, hours, doms, isStar(dom), months, dows, isStar(dow));
  }

  /** Unrestricted, for the day-of-month/day-of-week rule: {@code *} and its twin {@code *}/1. */
  private static boolean isStar(String field) {
    return field.equals("*") || field.equals("*/1");
  }

  /** A random field over min..max, its values added to {@code into} (7 as 0 for day-of-week). */
  private static String randomField(
      Random random, int min, int max, double star, BitSet into, boolean dayOfWeek) {
    if (random.nextDouble() < star) {
      into.set(min, max + 1);
      if (dayOfWeek) {
        into.clear(7);
      }
      return "*";
    }
    List<String> items = new ArrayList<>();
    int count = random.nextInt(10) < 7 ? 1 : 2 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      int a = min + random.nextInt(max - min + 1);
      int b = min + random.nextInt(max - min + 1);
      int lo = Math.min(a, b);
      int hi = Math.max(a, b);
      int step = 1 + random.nextInt(Math.max(1, (max - min) / 2));
      switch (random.nextInt(4)) {
        case 0 -> {
          items.add(Integer.toString(a));
          into.set(a);
        }
        case 1 -> {
          items.add(lo + "-" + hi);
          into.set(lo, hi + 1);
        }
        case 2 -> {
          items.add("*/" + step);
          for (int v = min; v <= max; v += step) {
            into.set(v);
          }
        }
        default -> {
          items.add(lo + "-" + hi + "/" + step);
          for (int v = lo; v <= hi; v += step) {
            into.set(v);
          }
        }
      }
    }
    if (dayOfWeek && into.get(7)) {
      into.clear(7);
      into.set(0);
    }
    return String.join(",", items);
  }

  private static Spec daySpec(
      LocalTime at, BitSet doms, boolean domStar, BitSet dows, boolean dowStar) {
    BitSet seconds = new BitSet();
    seconds.set(at.getSecond());
    BitSet minutes = new BitSet();
    minutes.set(at.getMinute());
    BitSet hours = new BitSet();
    hours.set(at.getHour());
    return new Spec(
        "at " + at, seconds, minutes, hours, doms, domStar, allOf(1, 12), dows, dowStar);
  }

  private static BitSet allOf(int from, int to) {
    BitSet set = new BitSet();
    set.set(from, to + 1);
    return set;
  }

  /** A start between 2024 and 2034; often within three hours of a DST change of the zone. */
  private static Instant randomStart(Random random, ZoneId zone) {
    long from = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2034-01-01T00:00:00Z").getEpochSecond();
    Instant start = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)));
    ZoneOffsetTransition transition = zone.getRules().nextTransition(start);
    if (transition != null && random.nextInt(10) < 4) {
      start = transition.getInstant().plusSeconds(random.nextInt(6 * 3600) - 3 * 3600);
    }
    // Sometimes on a whole minute, sometimes within one.
    return random.nextBoolean()
        ? start.truncatedTo(ChronoUnit.MINUTES)
        : start.plusNanos(random.nextInt(1_000_000_000));
  }

  private static boolean isNearTransition(ZoneId zone, Instant instant) {
    ZoneOffsetTransition next = zone.getRules().nextTransition(instant.minusSeconds(3 * 3600));
    return next != null
        && next.getInstant().isBefore(instant.plusSeconds(3 * 3600))
        && !next.getInstant().isBefore(instant.minusSeconds(3 * 3600));
  }
}
