package dev.baton.engine.internal;

import static dev.baton.job.JobStatus.WAITING_FOR_WORKER;

import dev.baton.engine.EngineOptions;
import dev.baton.job.Job;
import dev.baton.job.JobEvent;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.store.WorkerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hands tasks out: a new task for a job, placed on a worker when its strategy needs one, and the
 * job set waiting for it.
 */
public final class Dispatch {
  private final Placement placement;
  private final WorkerStore store;
  private final EngineOptions options;
  private final Supplier<String> ids;

  public Dispatch(
      Placement placement, WorkerStore store, EngineOptions options, Supplier<String> ids) {
    this.placement = placement;
    this.store = store;
    this.options = options;
    this.ids = ids;
  }

  /**
   * Queues a task for the job and makes the job wait for it.
   *
   * @throws Placement.NoWorkerException when no worker fits, before anything is planned
   */
  void toWorker(
      Job.Builder b,
      TaskSpec spec,
      Map<String, String> transitions,
      int attempt,
      Duration delay,
      Plan plan) {
    Task t = newTask(b, spec, attempt, delay, plan);
    plan.addTask(t);
    b.status(WAITING_FOR_WORKER, JobEvent.DISPATCH)
        .awaiting(new Wait.OnTask(t.id(), spec, attempt, transitions));
    plan.record(
        b,
        "dispatched "
            + spec.type()
            + " as task "
            + t.id()
            + (attempt > 1 ? " (attempt " + attempt + ", after " + delay.toMillis() + " ms)" : ""));
  }

  /**
   * A new task of the job, visible after {@code delay}; not planned yet.
   *
   * @throws Placement.NoWorkerException when no worker fits
   */
  Task newTask(Job.Builder b, TaskSpec spec, int attempt, Duration delay, Plan plan) {
    // A job with an affinity (a schedule's `affinity`) is pinned: every task goes to that worker
    // or robot only, and waits for it (until its timeout) if it is not there.
    String worker =
        b.from().attributes().affinity() instanceof String pinned && !pinned.isBlank()
            ? pinned
            : spec.needsPlacement() ? placement.place(spec, store.workers(), plan.now) : null;
    Instant visible = plan.now.plus(delay);
    Duration timeout = spec.timeout() != null ? spec.timeout() : options.taskTimeout();
    return new Task(
        ids.get(),
        b.from().id(),
        spec,
        attempt,
        TaskStatus.QUEUED,
        worker,
        null,
        visible,
        visible.plus(timeout),
        plan.now);
  }
}
