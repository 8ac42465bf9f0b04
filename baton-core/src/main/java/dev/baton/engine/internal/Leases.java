package dev.baton.engine.internal;

import dev.baton.engine.BatonException;
import dev.baton.engine.Receipt;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.log.LogContext;
import dev.baton.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a leased task comes back: completed by its worker, given back (a robot refused it or was
 * lost), reclaimed from a dead worker, or expired (its lease or its deadline ran out). Results are
 * fenced by the lease, so a late or duplicate one changes nothing.
 */
public final class Leases {
  private final Outcomes outcomes;
  private final Dispatch dispatch;
  private final JobStore store;
  private final Carried carried;

  public Leases(Outcomes outcomes, Dispatch dispatch, JobStore store, Carried carried) {
    this.outcomes = outcomes;
    this.dispatch = dispatch;
    this.store = store;
    this.carried = carried;
  }

  /**
   * A worker's result: fenced by the task's lease, then taken by the job. The task and the job come
   * from what this engine carried from its claim and its last commit, when it did (see {@link
   * Carried}); the commit's guards make a stale copy fail the step, and its retry reads the store.
   */
  public Receipt complete(String taskId, @Nullable String workerId, TaskResult result, Plan plan) {
    Task task = carried.takeTask(taskId);
    Job job = task == null ? null : carried.takeJobWaitingOn(task.jobId(), taskId);
    if (task != null && job != null) {
      fenced(task, workerId);
    } else {
      // Not carried, or the job moved on since the claim: the store says why the result is late.
      task = store.task(taskId).orElseThrow(() -> taskNotFound(taskId));
      if (acknowledgesCancel(task, workerId, result)) {
        // The job was cancelled (its worker told to stop) and the worker confirms: Avtomatika
        // answers this as a cancelled result. The job has ended already, so nothing changes.
        return Receipt.CANCELLED;
      }
      fenced(task, workerId);
      String jobId = task.jobId();
      job = store.job(jobId).orElseThrow(() -> BatonException.notFound("Job not found"));
    }
    try (LogContext fields =
        LogContext.task(task).with(LogContext.TRACE_ID, LogContext.traceId(job.attributes()))) {
      plan.moveTask(task, TaskStatus.DONE);
      return outcomes.accept(task, job, result, plan);
    }
  }

  /**
   * Puts a leased task back in the queue as a new task of the same attempt, visible at once: a
   * robot refused it, or its robot was lost. The job waits for the new task; no retry is used up.
   */
  public int giveBack(String taskId, @Nullable String workerId, String reason, Plan plan) {
    Task task = leased(taskId, workerId);
    Job job = store.job(task.jobId()).orElseThrow(() -> BatonException.notFound("Job not found"));
    if (!waitsFor(job, taskId)) {
      throw BatonException.conflict("job " + job.id() + " is not waiting for task " + taskId);
    }
    plan.moveTaskQuietly(task, TaskStatus.EXPIRED);
    requeue(task, job, "given back by worker " + task.workerId() + " (" + reason + ")", plan);
    return 1;
  }

  /**
   * The task, ended already, goes out again as a new task of its attempt that the job waits for.
   */
  private void requeue(Task task, Job job, String why, Plan plan) {
    String taskId = task.id();
    Job.Builder b = plan.update(job);
    Task again;
    try {
      again = dispatch.newTask(b, task.spec(), task.attempt(), Duration.ZERO, plan);
    } catch (Placement.NoWorkerException e) {
      outcomes.accept(task, job, TaskResult.failure(TaskError.transientError(e.reason())), plan);
      return;
    }
    plan.addTask(again);
    switch (job.awaiting()) {
      case Wait.OnTask w ->
          b.awaiting(new Wait.OnTask(again.id(), w.spec(), w.attempt(), w.transitions()));
      case Wait.OnBranches w -> {
        Map<String, Wait.Branch> pending = new LinkedHashMap<>();
        w.pending()
            .forEach((id, branch) -> pending.put(id.equals(taskId) ? again.id() : id, branch));
        b.awaiting(new Wait.OnBranches(w.aggregateInto(), pending, w.results()));
      }
      case null, default -> {}
    }
    plan.record(b, "task " + taskId + " " + why + "; queued again as task " + again.id());
  }

  /** A task still leased to a dead worker fails its attempt (transient), as a timeout would. */
  public int reclaim(String taskId, String workerId, Plan plan) {
    Task t = store.task(taskId).orElse(null);
    if (t == null || t.status() != TaskStatus.LEASED || !workerId.equals(t.workerId())) {
      return 0;
    }
    plan.moveTask(t, TaskStatus.EXPIRED);
    plan.observe(o -> o.leaseExpired(t));
    String message = "worker " + workerId + " is dead; the control loop took its task back";
    lost(t, message, plan);
    return 1;
  }

  /** A task whose worker went silent or whose deadline passed fails its attempt (transient). */
  public int expire(String taskId, Plan plan) {
    Task t = store.task(taskId).orElse(null);
    if (t == null || !t.status().isOpen()) {
      return 0;
    }
    Instant until = t.leaseUntil();
    boolean leaseOver =
        t.status() == TaskStatus.LEASED && until != null && !until.isAfter(plan.now);
    boolean late = t.deadline() != null && !t.deadline().isAfter(plan.now);
    if (!leaseOver && !late) {
      return 0;
    }
    TaskError error =
        late
            ? TaskError.timeout()
            : TaskError.transientError(
                "worker " + t.workerId() + " stopped heartbeating; its lease on the task ran out");
    try (LogContext fields = LogContext.task(t)) {
      plan.moveTask(t, TaskStatus.EXPIRED);
      if (leaseOver) {
        plan.observe(o -> o.leaseExpired(t));
      }
      if (late) {
        failAttempt(t, error, plan);
      } else {
        lost(t, error.message(), plan);
      }
    }
    return 1;
  }

  /**
   * A task whose worker died (its lease ran out, or the control loop found the worker dead) goes
   * out again in the same attempt, as a lost robot's does: a killed worker costs no retry. Only
   * once per attempt: when a task of this attempt was lost before, the worker may be dying of the
   * task itself, so the attempt fails (transient) and the retry policy decides, as a timeout would;
   * a task that kills every worker thus ends when its retries do, not never.
   */
  private void lost(Task t, String message, Plan plan) {
    Job job = store.job(t.jobId()).orElse(null);
    if (job == null || !waitsFor(job, t.id())) {
      return;
    }
    boolean lostBefore =
        store.tasksOf(t.jobId()).stream()
            .anyMatch(o ->
                !o.id().equals(t.id())
                    && o.attempt() == t.attempt()
                    && o.status() == TaskStatus.EXPIRED
                    && o.spec().type().equals(t.spec().type()));
    if (lostBefore) {
      outcomes.accept(t, job, TaskResult.failure(TaskError.transientError(message)), plan);
    } else {
      requeue(t, job, "lost (" + message + ")", plan);
    }
  }

  /** The expired task's job, when it still waits for the task, takes the failure. */
  private void failAttempt(Task t, TaskError error, Plan plan) {
    Job job = store.job(t.jobId()).orElse(null);
    if (job != null && waitsFor(job, t.id())) {
      outcomes.accept(t, job, TaskResult.failure(error), plan);
    }
  }

  /** The task, which must be leased (to {@code workerId}, when given). */
  private Task leased(String taskId, @Nullable String workerId) {
    return fenced(store.task(taskId).orElseThrow(() -> taskNotFound(taskId)), workerId);
  }

  private static BatonException taskNotFound(String taskId) {
    return BatonException.notFound("Task not found: " + taskId);
  }

  private static boolean acknowledgesCancel(Task task, @Nullable String workerId, TaskResult r) {
    return task.status() == TaskStatus.CANCELLED
        && TaskResult.CANCELLED.equals(r.status())
        && (workerId == null || workerId.equals(task.workerId()));
  }

  private static Task fenced(Task task, @Nullable String workerId) {
    String taskId = task.id();
    if (task.status() != TaskStatus.LEASED) {
      throw BatonException.conflict(
          "task "
              + taskId
              + " is "
              + task.status().wireName()
              + "; "
              + (task.status() == TaskStatus.QUEUED
                  ? "no worker has taken it yet"
                  : "a late or duplicate result is ignored"));
    }
    if (workerId != null && !workerId.equals(task.workerId())) {
      throw BatonException.conflict(
          "task " + taskId + " is leased to worker " + task.workerId() + ", not " + workerId);
    }
    return task;
  }

  private static boolean waitsFor(Job job, String taskId) {
    return switch (job.awaiting()) {
      case Wait.OnTask w -> w.taskId().equals(taskId);
      case Wait.OnBranches w -> w.pending().containsKey(taskId);
      case null, default -> false;
    };
  }
}
