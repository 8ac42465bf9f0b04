package dev.baton.store;

import dev.baton.job.Notice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox of notices about jobs (webhooks and the like). A notice is enqueued with the change
 * that owes it ({@link Change.EnqueueNotice}); this port leases and updates it. Checked by {@code
 * NoticeStoreContract}; safe to call from many threads.
 */
public interface NoticeStore {

  /**
   * Pending notices that are due, leased to the caller until {@code leaseUntil} (their {@code
   * dueAt} moves there), oldest first. A caller that dies mid-delivery leaves them to be claimed
   * again when the lease runs out; two callers never claim the same notice at once.
   */
  List<Notice> claimNotices(Instant now, Instant leaseUntil, int limit);

  /** Stores the outcome of a delivery attempt (status, attempts, due time, last error). */
  void updateNotice(Notice notice);

  Optional<Notice> notice(String id);

  /** Notices about a job, oldest first. */
  List<Notice> noticesOf(String jobId);

  /**
   * When the oldest notice still pending (not yet delivered or abandoned) was enqueued: the age of
   * the outbox, for its gauge. Empty when nothing is pending.
   */
  Optional<Instant> oldestPendingNotice();

  /**
   * Deletes at most {@code limit} delivered notices enqueued before {@code before}, oldest first,
   * and says how many it deleted: the outbox's retention. Pending and abandoned notices are kept
   * (an abandoned one is the record of a receiver that never answered). Small batches keep each
   * call short; a caller that got {@code limit} back may call again at once.
   */
  int pruneDelivered(Instant before, int limit);
}
