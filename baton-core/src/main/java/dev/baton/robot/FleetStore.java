package dev.baton.robot;

import dev.baton.job.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where the robot fleet keeps its registry, job keys, runs, logs and affinity counts, and how its
 * dispatcher looks into and takes from the engine's task queue. A port: {@code JdbcStore} and
 * {@code InMemoryStore} implement it next to {@code Store}. Every method is safe to call from many
 * threads; a write that returns is durable (for a durable store).
 */
public interface FleetStore {

  /** Inserts the robot or replaces the stored one. */
  void putRobot(Robot robot);

  Optional<Robot> robot(String id);

  /** In the order they first registered. */
  List<Robot> robots();

  /**
   * Takes a key (an idempotency key or a de-duplication hash) for {@code owner} unless another
   * owner holds it and it has not expired, atomically.
   *
   * @param expiresAt when the key frees itself, or null for never
   * @return the holding owner when the key was taken already (nothing changed), else empty
   */
  Optional<String> claimKey(String key, String owner, Instant now, @Nullable Instant expiresAt);

  /**
   * Hands a key from {@code from} to {@code to}; does nothing when {@code from} does not hold it.
   */
  void moveKey(String key, String from, String to);

  /** Frees a key that {@code owner} holds. */
  void releaseKey(String key, String owner);

  /** Inserts or replaces the job's run. */
  void putRun(RobotRun run);

  Optional<RobotRun> run(String jobId);

  /** Runs that ended at or after {@code since}. */
  RunStats runStats(Instant since);

  /** Counts an ended run of a workflow on a robot, for the affinity strategy. */
  void countOutcome(String robotId, String workflowId, boolean success);

  /** Successes per robot for a workflow. */
  Map<String, Long> successes(String workflowId);

  void appendLogs(List<JobLog> logs);

  /** A job's log, oldest first, from {@code offset}. */
  List<JobLog> logs(String jobId, int offset, int limit);

  /** Jobs of a blueprint created at or after {@code since}. */
  long jobsCreatedSince(String blueprint, Instant since);

  /**
   * Queued tasks of the given types that are visible at {@code now}, in the order a claim takes
   * them: highest priority first, then oldest. Reads only; a task may be gone by the time it is
   * claimed.
   */
  List<Task> queuedTasks(Set<String> taskTypes, Instant now, int limit);

  /** Leased (running) tasks per type, for the given types; a type with none is absent. */
  Map<String, Long> leasedCounts(Set<String> taskTypes);

  /**
   * Leases one task to the worker if it is still queued and unassigned or assigned to that worker.
   *
   * @return the task leased, or empty when someone else took it first
   */
  Optional<Task> claimTask(String taskId, String workerId, Instant leaseUntil);

  /**
   * {@link #claimTask} for many tasks in one transaction: task id to worker id.
   *
   * @return the tasks leased, in no particular order; one someone else took first is missing
   */
  List<Task> claimTasks(Map<String, String> workerByTask, Instant leaseUntil);
}
