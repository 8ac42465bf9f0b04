package dev.baton.engine.internal;

import static dev.baton.job.JobStatus.*;

import dev.baton.engine.BatonException;
import dev.baton.job.Job;
import dev.baton.job.JobEvent;
import dev.baton.job.Maps;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.store.JobStore;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What people (and the control loop, and schedules that cancel their previous run) do to a job from
 * outside: cancel it, quarantine it, decide for it, resume it. Each refuses, with CONFLICT, a job
 * whose status does not allow it.
 */
public final class Interventions {
  private final Advance advance;
  private final JobStore store;

  public Interventions(Advance advance, JobStore store) {
    this.advance = advance;
    this.store = store;
  }

  /** Cancels a job that has not ended, its open tasks and its running sub-job. */
  public boolean cancel(Job job, Plan plan) {
    requireNotEnded(job, "it cannot be cancelled");
    cancelTree(plan.update(job), "cancelled by request", plan);
    return true;
  }

  /** A job that has ended cannot be stopped again: 409, saying what it is and why not. */
  private static void requireNotEnded(Job job, String refusal) {
    if (job.status().isTerminal()) {
      throw BatonException.conflict(
          "job " + job.id() + " is already " + job.status().wireName() + "; " + refusal);
    }
  }

  private void cancelTree(Job.Builder b, String reason, Plan plan) {
    Wait wait = b.awaiting();
    b.status(CANCELLED, JobEvent.CANCEL).awaiting(null).wakeAt(null);
    plan.record(b, reason);
    stopWork(b, wait, "parent job cancelled", plan);
    advance.resumeParent(b, plan);
  }

  /**
   * Cancels what works for the job: its open tasks (their workers are told to stop) and, when it
   * waits for one, its sub-job with that sub-job's own tree.
   */
  private void stopWork(Job.Builder b, @Nullable Wait wait, String childReason, Plan plan) {
    for (Task t : store.tasksOf(b.from().id())) {
      if (t.status().isOpen()) {
        plan.moveTask(t, TaskStatus.CANCELLED);
      }
    }
    if (wait instanceof Wait.OnSubJob w) {
      store
          .job(w.childJobId())
          .filter(c -> !c.status().isTerminal())
          .ifPresent(c -> cancelTree(plan.update(c), childReason, plan));
    }
  }

  /**
   * Quarantines a job that has not ended (an operator's or the control loop's verdict that it is
   * stuck): its open tasks are cancelled, its running sub-job too, and it can be resumed from the
   * state it was in.
   */
  public boolean quarantine(Job job, String reason, Plan plan) {
    requireNotEnded(job, "only a job that has not ended can be quarantined");
    Job.Builder b = plan.update(job);
    stopWork(b, b.awaiting(), "parent job quarantined", plan);
    b.status(RUNNING, JobEvent.QUARANTINE).failedState(b.state());
    advance.end(b, QUARANTINED, reason, JobEvent.QUARANTINE, plan);
    return true;
  }

  /** A person's decision (or, as Avtomatika allows, one for a job waiting on a worker). */
  public boolean decide(Job job, String decision, Plan plan) {
    Wait wait = job.awaiting();
    if (!(wait instanceof Wait.OnHuman) && !(wait instanceof Wait.OnTask)) {
      throw BatonException.conflict(
          "job "
              + job.id()
              + " is "
              + job.status().wireName()
              + "; it is not waiting for a decision");
    }
    String target = wait.transitions().get(decision);
    if (target == null) {
      throw BatonException.invalid(
          "decision '" + decision + "' is not one of " + wait.transitions().keySet());
    }
    Job.Builder b = plan.update(job);
    if (wait instanceof Wait.OnTask t) {
      store
          .task(t.taskId())
          .filter(x -> x.status().isOpen())
          .ifPresent(x -> plan.moveTask(x, TaskStatus.CANCELLED));
    }
    b.awaiting(null);
    advance.moveAndRun(b, target, JobEvent.DECISION, "decision '" + decision + "'", plan);
    return true;
  }

  /** Runs a failed or quarantined job again from the state that failed. */
  public boolean resume(
      Job job, Map<String, Object> dataPatch, Map<String, Object> inputPatch, Plan plan) {
    if (!job.status().isResumable()) {
      throw BatonException.conflict(
          "job "
              + job.id()
              + " is "
              + job.status().wireName()
              + "; only failed or quarantined jobs can be resumed");
    }
    String from = job.failedState();
    if (from == null) {
      throw BatonException.conflict("job " + job.id() + " has no failed step to resume from");
    }
    Job.Builder b = plan.update(job).status(PENDING, JobEvent.RESUME);
    b.data(Maps.merged(b.data(), dataPatch))
        .initialData(Maps.merged(b.initialData(), inputPatch))
        .errorMessage(null)
        .failedState(null)
        .retryCount(0);
    advance.moveAndRun(b, from, JobEvent.RESUME, "resumed from state '" + from + "'", plan);
    return true;
  }
}
