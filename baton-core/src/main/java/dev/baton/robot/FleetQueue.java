package dev.baton.robot;

import dev.baton.job.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the fleet's dispatcher looks into and takes from the engine's task queue: it chooses the
 * robot itself, so it claims a chosen task rather than the next one. Checked by {@code
 * FleetQueueContract}; thread-safe.
 */
public interface FleetQueue {

  /**
   * Queued tasks of the given types that are visible at {@code now}, in the order a claim takes
   * them: highest priority first, then oldest. Reads only; a task may be gone by the time it is
   * claimed.
   */
  List<Task> queuedTasks(Set<String> taskTypes, Instant now, int limit);

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
  default List<Task> claimTasks(Map<String, String> workerByTask, Instant leaseUntil) {
    return claimTasks(workerByTask, leaseUntil, Map.of());
  }

  /**
   * {@link #claimTasks(Map, Instant)} held to {@code caps}: the most tasks of a type leased at
   * once, all holders counted, checked in the same transaction as the claims (as {@code
   * TaskClaim}'s caps are), so dispatchers and workers on several nodes never pass them together. A
   * task whose type is at its cap is left queued and missing from the answer.
   */
  List<Task> claimTasks(
      Map<String, String> workerByTask, Instant leaseUntil, Map<String, Integer> caps);
}
