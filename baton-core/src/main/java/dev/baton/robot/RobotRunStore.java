package dev.baton.robot;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Robot runs of jobs, and the counts the dashboard and the affinity strategy read. Checked by
 * {@code RobotRunStoreContract}; thread-safe.
 */
public interface RobotRunStore {

  /** Inserts or replaces the job's run. */
  void putRun(RobotRun run);

  Optional<RobotRun> run(String jobId);

  /**
   * Ends the job's run as {@link RobotRun#finished} does (progress 100 when {@code outcome} is
   * {@code completed}), in one write that reads nothing back; nothing when the job has no run.
   */
  void finishRun(String jobId, String outcome, Instant at);

  /** Runs that ended at or after {@code since}. */
  RunStats runStats(Instant since);

  /** Counts an ended run of a workflow on a robot, for the affinity strategy. */
  void countOutcome(String robotId, String workflowId, boolean success);

  /** Successes per robot for a workflow. */
  Map<String, Long> successes(String workflowId);

  /** Jobs of a blueprint created at or after {@code since}. */
  long jobsCreatedSince(String blueprint, Instant since);
}
