package dev.baton.retention;

import dev.baton.job.Job;
import dev.baton.job.JobTransition;
import dev.baton.ledger.LedgerEntry;
import java.util.List;
import java.util.Map;

/**
 * Where retention writes what it is about to delete. Each method returns only once what it was
 * given is durable (flushed to disk): retention deletes after it returns, and deletes nothing when
 * it throws.
 */
public interface Export {
  /** Jobs with their history, by job id. */
  void jobs(List<Job> jobs, Map<String, List<JobTransition>> history);

  void ledger(List<LedgerEntry> entries);

  /** Where the export goes, for the ledger entry that records a pass. */
  String describe();
}
