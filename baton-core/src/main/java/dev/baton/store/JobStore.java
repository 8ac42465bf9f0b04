package dev.baton.store;

import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Page;
import dev.baton.job.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Jobs, their history and their tasks: what the engine reads back, and the task queue workers take
 * from. Jobs and tasks are written through {@link Commits#commit}; a claim and a lease renewal are
 * the only writes here. Checked by {@code JobStoreContract}; safe to call from many threads.
 */
public interface JobStore {

  Optional<Job> job(String id);

  Page<Job> jobs(JobQuery query);

  /** The job's history, oldest first. */
  List<JobTransition> transitions(String jobId);

  Map<JobStatus, Long> countJobs();

  /**
   * The jobs of one version of a blueprint that have not ended, counted by the state they are in:
   * what a change to that version would touch.
   */
  Map<String, Long> countUnfinished(String blueprint, int version);

  /**
   * The jobs of one version of a blueprint that have not ended, by id, those after {@code afterId}
   * (null: from the first), at most {@code limit}: a page that stays right while jobs move away.
   */
  List<Job> unfinishedJobs(String blueprint, int version, @Nullable String afterId, int limit);

  /** The queue as of {@code now}, one entry per task type and priority that has a takeable task. */
  List<QueueDepth> queueDepths(Instant now);

  /** Jobs whose {@code wakeAt} has come, earliest first. */
  List<Job> dueJobs(Instant now, int limit);

  Optional<Task> task(String id);

  /** All tasks of a job, oldest first. */
  List<Task> tasksOf(String jobId);

  /** Leases matching tasks to the claimer; returns them leased. Never hands a task out twice. */
  List<Task> claim(TaskClaim claim);

  /** Open tasks whose lease ({@code leaseUntil}) or deadline has passed, in no set order. */
  List<Task> expiredTasks(Instant now, int limit);

  /** The tasks the worker holds (leased to it), in no set order. */
  List<Task> leasedTo(String workerId);

  /** Extends the lease of every task the worker holds; returns how many. */
  int renewLeases(String workerId, Instant leaseUntil);

  /**
   * Leased (running) tasks per type, for the given types; a type with none is absent. What a
   * concurrency limit per type counts, for every worker and robot.
   */
  Map<String, Long> leasedCounts(Set<String> taskTypes);
}
