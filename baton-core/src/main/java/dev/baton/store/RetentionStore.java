package dev.baton.store;

import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What retention removes: jobs that ended long ago, with everything that belongs to them, the
 * oldest ledger entries, and the counts of quota windows that have passed. Checked by {@code
 * RetentionStoreContract}. Called in small batches, each one short transaction, so that the store's
 * other writes go on between them.
 */
public interface RetentionStore {
  /** The ended jobs retention removes: not a quarantined one, which waits for an operator. */
  Set<JobStatus> PRUNED = EnumSet.of(JobStatus.FINISHED, JobStatus.FAILED, JobStatus.CANCELLED);

  /**
   * Jobs that ended (finished, failed or cancelled: not quarantined, which waits for an operator)
   * before {@code cutoff}, oldest created first, at most {@code limit}.
   */
  List<Job> endedBefore(Instant cutoff, int limit);

  /**
   * Deletes these jobs with their tasks, history, notices, robot runs and logs, each only if it is
   * unchanged since it was read (the same version: a job resumed meanwhile stays).
   *
   * @return how many jobs were deleted
   */
  int forgetJobs(List<Job> jobs);

  /**
   * Deletes the ledger entries appended before {@code before} with a {@code seq} up to {@code
   * throughSeq}. The ledger stays append-only for everything else: the store first moves its
   * horizon forward to {@code before} (never back), and refuses to delete anything at or after it.
   *
   * @return how many entries were deleted
   */
  long forgetLedger(Instant before, long throughSeq);

  /**
   * Deletes at most {@code limit} quota counts whose period ended at or before {@code now} (see
   * {@link QuotaStore#consumeQuota(String, String, long, long, Instant)}); a count without an end
   * stays.
   *
   * @return how many were deleted
   */
  int forgetQuotaWindows(Instant now, int limit);
}
