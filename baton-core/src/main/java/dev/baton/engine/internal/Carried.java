package dev.baton.engine.internal;

import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What this engine last committed or claimed, carried to the step that comes next: the tasks it
 * leased to workers, and the jobs that wait on a task. A result for a task then needs no read of
 * the task or its job (in a drain those two reads were 38 % of the CPU).
 *
 * <p>A carried copy may be stale (another node or engine changed the job, the sweep expired the
 * task): the commit's guards catch that (the job's version, the task's status must still be leased)
 * and fail the step, and its retry reads the store, because every copy is taken once. A task's
 * worker never changes once it is leased, so a carried lease fences a result as well as a read one.
 * The maps are bounded: when full they are cleared, and the next steps read the store.
 */
public final class Carried {
  private static final int BOUND = 20_000;

  private final ConcurrentHashMap<String, Task> tasks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Job> jobs = new ConcurrentHashMap<>();

  /** Tasks just leased by a claim, as the store returned them. */
  public void leased(List<Task> claimed) {
    if (tasks.size() + claimed.size() > BOUND) {
      tasks.clear();
    }
    for (Task t : claimed) {
      if (t.status() == TaskStatus.LEASED) {
        tasks.put(t.id(), t);
      }
    }
  }

  /** A job as committed: kept while it waits on a task, forgotten once it does not. */
  public void committed(Job job) {
    if (!(job.awaiting() instanceof Wait.OnTask || job.awaiting() instanceof Wait.OnBranches)) {
      jobs.remove(job.id());
      return;
    }
    if (jobs.size() >= BOUND) {
      jobs.clear();
    }
    // Two commits of one job may tell in either order; the newer version stays.
    jobs.merge(job.id(), job, (old, now) -> now.version() >= old.version() ? now : old);
  }

  /**
   * The leased task if carried, left in place: for reads that need no fresh copy (what a span of
   * the result is named by), so that the result itself still takes it.
   */
  public @Nullable Task peekTask(String taskId) {
    return tasks.get(taskId);
  }

  /** The job if carried, left in place; like {@link #peekTask}. */
  public @Nullable Job peekJob(String jobId) {
    return jobs.get(jobId);
  }

  /** The leased task, taken (a retry of the step reads the store), or null if not carried. */
  @Nullable Task takeTask(String taskId) {
    return tasks.remove(taskId);
  }

  /** The job, taken, if it is carried and waits on {@code taskId}; null otherwise. */
  @Nullable Job takeJobWaitingOn(String jobId, String taskId) {
    Job job = jobs.remove(jobId);
    return job != null && waitsFor(job, taskId) ? job : null;
  }

  static boolean waitsFor(Job job, String taskId) {
    return switch (job.awaiting()) {
      case Wait.OnTask w -> w.taskId().equals(taskId);
      case Wait.OnBranches w -> w.pending().containsKey(taskId);
      case null, default -> false;
    };
  }
}
