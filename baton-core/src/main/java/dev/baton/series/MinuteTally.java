package dev.baton.series;

import dev.baton.job.Job;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.store.JobStore;
import dev.baton.store.QueueDepth;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Counts one minute (or its part up to now) from the store: the ledger's {@code job.finished} and
 * {@code job.failed} entries in it (every transition is in the ledger, in the same commit), the
 * execution time of up to {@link #TIMED} of the jobs that finished (their creation is read from the
 * job; a job already removed by retention is not timed), and the queue depth when asked.
 */
public final class MinuteTally {
  /** How many of a minute's finished jobs are timed: bounded reads however busy the minute. */
  public static final int TIMED = 50;

  private final Ledger ledger;
  private final JobStore jobs;

  public MinuteTally(Ledger ledger, JobStore jobs) {
    this.ledger = ledger;
    this.jobs = jobs;
  }

  /**
   * The bucket of the minute starting at {@code minute}, counting entries before {@code until} (the
   * minute's end, or now for the minute under way).
   *
   * @param queuedAt when to sample the queue depth, or null not to
   */
  public SeriesMinute tally(Instant minute, Instant until, @Nullable Instant queuedAt) {
    LedgerQuery finished = LedgerQuery.oldest(TIMED).type("job.finished").between(minute, until);
    long done = ledger.count(finished);
    long failed = ledger.count(LedgerQuery.oldest(1).type("job.failed").between(minute, until));
    long timed = 0;
    long millis = 0;
    if (done > 0) {
      for (LedgerEntry e : ledger.read(finished).entries()) {
        String id = e.jobId();
        Optional<Job> job = id == null ? Optional.empty() : jobs.job(id);
        if (job.isPresent()) {
          timed++;
          millis += Math.max(0, Duration.between(job.get().createdAt(), e.at()).toMillis());
        }
      }
    }
    return new SeriesMinute(minute, done, failed, timed, millis, queued(queuedAt));
  }

  private @Nullable Long queued(@Nullable Instant at) {
    if (at == null) {
      return null;
    }
    long n = 0;
    for (QueueDepth d : jobs.queueDepths(at)) {
      n += d.queued();
    }
    return n;
  }
}
