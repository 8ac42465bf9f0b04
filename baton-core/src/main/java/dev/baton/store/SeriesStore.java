package dev.baton.store;

import dev.baton.series.SeriesMinute;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The per-minute buckets behind the console's charts. A bucket is written on its own (not with a
 * job), once its minute is over, so plain writes rather than {@link Change}s. Checked by {@code
 * SeriesStoreContract}; safe to call from many threads.
 */
public interface SeriesStore {

  /**
   * Stores the buckets, each replacing a stored one of the same minute: rolling a minute up again
   * (two nodes, or a retry after a failure) leaves one bucket.
   */
  void putSeries(List<SeriesMinute> minutes);

  /** The stored buckets of minutes in {@code [from, to)}, oldest first. */
  List<SeriesMinute> series(Instant from, Instant to);

  /** The newest stored bucket's minute, if any. */
  Optional<Instant> lastSeriesMinute();

  /**
   * Deletes the buckets of minutes before {@code before} (retention).
   *
   * @return how many were deleted
   */
  int forgetSeries(Instant before);
}
