package dev.baton.fleet;

import dev.baton.job.TaskSpec;
import dev.baton.robot.RobotRunStore;
import dev.baton.worker.DispatchStrategy;
import dev.baton.worker.Worker;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CasareRPA's {@code affinity}: the robot with most successful runs of the task's workflow (counted
 * in the store, so it survives restarts), else the least loaded; ties go to the smallest id.
 */
final class Affinity implements DispatchStrategy {
  private final RobotRunStore store;

  Affinity(RobotRunStore store) {
    this.store = store;
  }

  @Override
  public Optional<Worker> choose(TaskSpec task, List<Worker> candidates) {
    String workflow = task.params().get("workflow_id") instanceof String w ? w : task.type();
    Map<String, Long> wins = store.successes(workflow);
    Optional<Worker> best =
        candidates.stream()
            .filter(w -> wins.getOrDefault(w.id(), 0L) > 0)
            .max(
                Comparator.comparingLong((Worker w) -> wins.getOrDefault(w.id(), 0L))
                    .thenComparing(Worker::id, Comparator.reverseOrder()));
    if (best.isPresent()) {
      return best;
    }
    return candidates.stream()
        .min(Comparator.comparingDouble(Affinity::load).thenComparing(Worker::id));
  }

  private static double load(Worker w) {
    double max = w.number("max_concurrent_jobs", 0);
    return max > 0 ? w.number("current_jobs", 0) / max : w.number("load", 0);
  }
}
