package dev.baton.worker;

import dev.baton.job.TaskSpec;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the worker a task is assigned to when it is dispatched. The engine has already kept only
 * candidates that are alive, idle, support the task type and meet its resource requirements and
 * cost limit; the list is never empty. Register your own with {@code Engine.Builder.strategy(name,
 * strategy)} and name it in a blueprint's dispatch step.
 */
@FunctionalInterface
public interface DispatchStrategy {
  Optional<Worker> choose(TaskSpec task, List<Worker> candidates);
}
