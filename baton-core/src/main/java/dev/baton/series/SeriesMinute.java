package dev.baton.series;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * One minute of the console's series, as stored.
 *
 * @param minute the minute's start (whole minutes only)
 * @param finished jobs that finished in the minute
 * @param failed jobs that failed in the minute
 * @param timedJobs the finished jobs whose execution time was measured (a sample of at most {@link
 *     MinuteTally#TIMED} of them)
 * @param timedMillis their execution times (created to finished) added up
 * @param queued the tasks a worker could take, sampled just after the minute ended; null when no
 *     node was running then to sample it (a minute rolled up later from the ledger)
 */
public record SeriesMinute(
    Instant minute,
    long finished,
    long failed,
    long timedJobs,
    long timedMillis,
    @Nullable Long queued) {

  public SeriesMinute {
    if (!minute.truncatedTo(ChronoUnit.MINUTES).equals(minute)) {
      throw new IllegalArgumentException("not a whole minute: " + minute);
    }
    if (finished < 0 || failed < 0 || timedJobs < 0 || timedMillis < 0) {
      throw new IllegalArgumentException("negative count in the minute of " + minute);
    }
  }

  /** The average execution time of the timed jobs, or null when none was timed. */
  public @Nullable Long averageMillis() {
    return timedJobs == 0 ? null : timedMillis / timedJobs;
  }

  /** finished / (finished + failed), or null when none ended. */
  public @Nullable Double successRate() {
    long ended = finished + failed;
    return ended == 0 ? null : (double) finished / ended;
  }
}
