package dev.baton.series;

import dev.baton.duty.Duty;
import dev.baton.store.SeriesStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes a bucket into the store for every minute that has ended: its counts from the ledger (see
 * {@link MinuteTally}) and, for the minute that ended just now, the queue depth. A minute is rolled
 * up {@link #SETTLE} after its end, so that the transitions of its last instant have committed.
 *
 * <p>Every node may run it: the counts come from the shared ledger, so two nodes write the same
 * bucket (the later write of the same minute replaces the earlier, {@link SeriesStore#putSeries}),
 * and only their queue samples differ by the moment they were taken. After a stop, the minutes
 * missed (up to a day back) are rolled up from the ledger, {@link #BATCH} a round, without a queue
 * depth: nobody sampled it then. Buckets older than {@link #KEEP} are deleted.
 *
 * <p>Under failure: a round that fails writes nothing (the batch is one write) and the duty tries
 * again after {@link #EVERY}; nothing is lost, as the next round starts after the newest stored
 * bucket.
 */
public final class SeriesRollup implements AutoCloseable {
  public static final Duration EVERY = Duration.ofSeconds(15);
  static final Duration SETTLE = Duration.ofSeconds(5);
  static final int BATCH = 60;
  public static final Duration KEEP = Duration.ofDays(2);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final SeriesStore store;
  private final MinuteTally tally;
  private final Clock clock;
  private @Nullable Duty duty;

  public SeriesRollup(SeriesStore store, MinuteTally tally, Clock clock) {
    this.store = store;
    this.tally = tally;
    this.clock = clock;
  }

  /** Runs rounds on a background thread: at once, then every {@link #EVERY}. */
  public SeriesRollup start() {
    duty = Duty.virtual("baton-series", EVERY, this::round);
    return this;
  }

  /**
   * Rolls up the ended minutes not yet stored (at most {@link #BATCH}).
   *
   * @return how long to wait: zero while minutes are left to catch up
   */
  public Duration round() {
    Instant now = clock.instant();
    Instant due = now.minus(SETTLE).truncatedTo(ChronoUnit.MINUTES);
    Instant dayAgo = due.minus(Series.Range.DAY.length());
    Instant first = store.lastSeriesMinute().map(m -> m.plus(MINUTE)).orElse(dayAgo);
    if (first.isBefore(dayAgo)) {
      first = dayAgo;
    }
    List<SeriesMinute> out = new ArrayList<>();
    for (Instant m = first; m.isBefore(due) && out.size() < BATCH; m = m.plus(MINUTE)) {
      Instant end = m.plus(MINUTE);
      out.add(tally.tally(m, end, end.equals(due) ? now : null));
    }
    if (out.isEmpty()) {
      return EVERY;
    }
    store.putSeries(out);
    store.forgetSeries(now.minus(KEEP));
    return out.size() == BATCH ? Duration.ZERO : EVERY;
  }

  @Override
  public void close() {
    Duty d = duty;
    if (d != null) {
      d.close();
    }
  }
}
