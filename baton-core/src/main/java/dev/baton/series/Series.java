package dev.baton.series;

import dev.baton.store.SeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The console's series of the last hour (a point a minute) or day (a point every ten minutes), read
 * from the stored buckets. The minutes too recent to be rolled up yet (the one under way and the
 * one or two before it, see {@link SeriesRollup#SETTLE}) are counted from the ledger at once, so
 * that a job that just finished is in the chart; older minutes with no bucket (no node was running,
 * nor has caught up yet) are empty.
 */
public final class Series {
  /** What a chart shows. */
  public enum Range {
    HOUR(60, 1),
    DAY(1440, 10);

    private final int minutes;
    private final int step;

    Range(int minutes, int step) {
      this.minutes = minutes;
      this.step = step;
    }

    public Duration length() {
      return Duration.ofMinutes(minutes);
    }

    /** Minutes a point covers. */
    public int step() {
      return step;
    }

    /** {@code hour} or {@code day}. */
    public static Range of(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "hour" -> HOUR;
        case "day" -> DAY;
        default ->
            throw new IllegalArgumentException("range must be hour or day, was '" + name + "'");
      };
    }
  }

  /**
   * One point: the sums over its minutes; {@code queued} is the highest sample among them (the
   * peak), null when none was sampled.
   */
  public record Point(Instant at, SeriesMinute sums) {}

  /** Minutes counted at once rather than read: the one under way and the two before it. */
  static final int LIVE = 3;

  private final SeriesStore store;
  private final MinuteTally tally;
  private final Clock clock;

  public Series(SeriesStore store, MinuteTally tally, Clock clock) {
    this.store = store;
    this.tally = tally;
    this.clock = clock;
  }

  /** The range's points, oldest first, ending with the point of the minute under way. */
  public List<Point> read(Range range) {
    Instant now = clock.instant();
    Instant current = now.truncatedTo(ChronoUnit.MINUTES);
    Instant start = current.minus(range.length()).plus(Duration.ofMinutes(1));
    // Points are aligned to whole steps since the epoch, so a day's points do not shift each
    // minute.
    long stepSeconds = range.step() * 60L;
    Instant first =
        Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), stepSeconds) * stepSeconds);
    Map<Instant, SeriesMinute> byMinute = new HashMap<>();
    for (SeriesMinute m : store.series(first, current.plusSeconds(60))) {
      byMinute.put(m.minute(), m);
    }
    addLive(byMinute, first, current, now);
    List<Point> out = new ArrayList<>();
    for (Instant p = first; !p.isAfter(current); p = p.plusSeconds(stepSeconds)) {
      out.add(new Point(p, sum(p, range.step(), byMinute)));
    }
    return out;
  }

  /**
   * The sums of the minutes from {@code from} (rounded down to its minute) to now: the stored
   * buckets, and the minutes not rolled up yet counted from the ledger, as {@link #read} does. A
   * read of at most a day's buckets however many jobs there are, so the overview's "today" figures
   * cost the same with a million jobs as with ten. Minutes older than the buckets kept ({@link
   * SeriesRollup}: two days) or that no node rolled up count nothing.
   */
  public SeriesMinute since(Instant from) {
    Instant now = clock.instant();
    Instant current = now.truncatedTo(ChronoUnit.MINUTES);
    Instant first = from.truncatedTo(ChronoUnit.MINUTES);
    if (first.isAfter(current)) {
      return new SeriesMinute(first, 0, 0, 0, 0, null);
    }
    Map<Instant, SeriesMinute> byMinute = new HashMap<>();
    for (SeriesMinute m : store.series(first, current.plusSeconds(60))) {
      byMinute.put(m.minute(), m);
    }
    addLive(byMinute, first, current, now);
    int minutes = (int) Duration.between(first, current).toMinutes() + 1;
    return sum(first, minutes, byMinute);
  }

  /** The minutes too recent to have a bucket, counted from the ledger. */
  private void addLive(
      Map<Instant, SeriesMinute> byMinute, Instant first, Instant current, Instant now) {
    for (int i = 0; i < LIVE; i++) {
      Instant m = current.minus(Duration.ofMinutes(i));
      if (!byMinute.containsKey(m) && !m.isBefore(first)) {
        Instant end = i == 0 ? now : m.plus(Duration.ofMinutes(1));
        byMinute.put(m, tally.tally(m, end, i == 0 ? now : null));
      }
    }
  }

  private static SeriesMinute sum(Instant at, int step, Map<Instant, SeriesMinute> byMinute) {
    long finished = 0;
    long failed = 0;
    long timed = 0;
    long millis = 0;
    @Nullable Long queued = null;
    for (int i = 0; i < step; i++) {
      SeriesMinute m = byMinute.get(at.plus(Duration.ofMinutes(i)));
      if (m == null) {
        continue;
      }
      finished += m.finished();
      failed += m.failed();
      timed += m.timedJobs();
      millis += m.timedMillis();
      Long q = m.queued();
      if (q != null && (queued == null || q > queued)) {
        queued = q;
      }
    }
    return new SeriesMinute(at, finished, failed, timed, millis, queued);
  }
}
