package dev.baton.robot;

import java.util.List;

/** The log lines robots send about their jobs. Checked by {@code JobLogStoreContract}. */
public interface JobLogStore {

  void appendLogs(List<JobLog> logs);

  /** A job's log, oldest first, from {@code offset}. */
  List<JobLog> logs(String jobId, int offset, int limit);

  /** A job's newest {@code limit} lines, oldest first: the end of its log, where a failure is. */
  List<JobLog> newestLogs(String jobId, int limit);
}
