package dev.baton.engine;

import dev.baton.job.Job;
import dev.baton.job.JobTransition;
import dev.baton.job.Task;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one committed engine step did to one job, for an {@link EngineObserver}.
 *
 * @param job the job as stored after the step
 * @param before the job as it was before the step; null for a job the step created
 * @param transitions the job's moves in this step, oldest first (its history entries)
 * @param queued the tasks the step queued for the job (dispatched, to be handed to a worker)
 * @param began when the step was planned (the engine's clock)
 * @param committed when it was committed (the engine's clock)
 */
public record Step(
    Job job,
    @Nullable Job before,
    List<JobTransition> transitions,
    List<Task> queued,
    Instant began,
    Instant committed) {
  public Step {
    transitions = List.copyOf(transitions);
    queued = List.copyOf(queued);
  }
}
