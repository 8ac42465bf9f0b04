package dev.baton.engine.internal;

import static dev.baton.job.JobStatus.*;

import dev.baton.engine.BatonException;
import dev.baton.engine.EngineOptions;
import dev.baton.engine.Receipt;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobEvent;
import dev.baton.job.JobStatus;
import dev.baton.job.Maps;
import dev.baton.job.RetryPolicy;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.job.Wait;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * What a task's outcome does to the job that waits on it: a result moves the job through the
 * dispatching state's transitions; a failure retries the task (transient errors, with the task's or
 * the engine's retry policy) or gives up; a branch result is collected until the last branch.
 */
public final class Outcomes {
  private final Advance advance;
  private final Dispatch dispatch;
  private final EngineOptions options;
  private final RandomGenerator random;

  public Outcomes(
      Advance advance, Dispatch dispatch, EngineOptions options, RandomGenerator random) {
    this.advance = advance;
    this.dispatch = dispatch;
    this.options = options;
    this.random = random;
  }

  /**
   * Takes a task result (or a synthetic failure for a timeout) for a job that waits on the task.
   * The caller has already moved the task to done or expired.
   *
   * @throws BatonException CONFLICT when the job no longer waits for the task
   */
  Receipt accept(Task task, Job job, TaskResult result, Plan plan) {
    Job.Builder b = plan.update(job);
    Wait wait = job.awaiting();
    if (wait instanceof Wait.OnTask w && w.taskId().equals(task.id())) {
      return onTask(b, w, result, plan);
    }
    if (wait instanceof Wait.OnBranches w && w.pending().containsKey(task.id())) {
      onBranch(b, w, task.id(), result, plan);
      return Receipt.BRANCH;
    }
    throw BatonException.conflict(
        "job "
            + job.id()
            + " is not waiting for task "
            + task.id()
            + " (it is "
            + job.status().wireName()
            + " in state '"
            + job.state()
            + "'); a late or duplicate result is ignored");
  }

  private Receipt onTask(Job.Builder b, Wait.OnTask w, TaskResult result, Plan plan) {
    String status = result.status();
    if (result.isFailure()) {
      TaskError error =
          result.error() != null ? result.error() : TaskError.transientError("no error given");
      b.status(RUNNING, error.timedOut() ? JobEvent.TIMEOUT : JobEvent.TASK_FAILED);
      failed(b, w, error, plan);
      return Receipt.FAILURE;
    }
    if (TaskResult.CANCELLED.equals(status) && !w.transitions().containsKey(status)) {
      advance.end(b, CANCELLED, "cancelled by the worker", JobEvent.TASK_RESULT, plan);
      return Receipt.CANCELLED;
    }
    String target = w.transitions().get(status);
    b.awaiting(null);
    if (target == null) {
      // As Avtomatika 1.0b7: the data of a result the state cannot take is not merged.
      b.status(RUNNING, JobEvent.TASK_RESULT).failedState(b.state());
      String msg = "Worker returned unhandled status: " + status;
      advance.end(b, FAILED, msg, JobEvent.TASK_RESULT, plan);
      return Receipt.SUCCESS;
    }
    b.data(Maps.merged(b.data(), result.data())).errorMessage(null);
    String reason = "task " + w.taskId() + " returned " + status;
    advance.moveAndRun(b, target, JobEvent.TASK_RESULT, reason, plan);
    return TaskResult.CANCELLED.equals(status) ? Receipt.CANCELLED : Receipt.SUCCESS;
  }

  private void failed(Job.Builder b, Wait.OnTask w, TaskError error, Plan plan) {
    RetryPolicy policy = w.spec().retry() != null ? w.spec().retry() : options.retry();
    String msg = error.message();
    switch (error.code()) {
      case TRANSIENT_ERROR -> {
        if (w.attempt() <= policy.maxRetries()) {
          Duration delay = policy.delayBefore(w.attempt(), random);
          b.retryCount(b.retryCount() + 1).errorMessage(msg);
          plan.observe(o -> o.taskRetried(w.spec().type(), error.code()));
          try {
            dispatch.toWorker(b, w.spec(), w.transitions(), w.attempt() + 1, delay, plan);
          } catch (Placement.NoWorkerException e) {
            advance.handlerFailed(b, e.reason(), plan);
          }
          return;
        }
        String why = "Task failed after " + w.attempt() + " attempts: " + msg;
        giveUp(b, w, QUARANTINED, why, error.timedOut(), plan);
      }
      case PERMANENT_ERROR ->
          giveUp(b, w, QUARANTINED, "Task failed with permanent error: " + msg, false, plan);
      case INVALID_INPUT_ERROR ->
          giveUp(b, w, FAILED, "Task failed due to invalid input: " + msg, false, plan);
    }
  }

  /**
   * No more retries. A state that declares a {@code failure} transition handles the failure itself
   * (Baton's addition; Avtomatika always quarantines or fails here), and a {@code timeout}
   * transition takes a task that ran past its deadline.
   */
  private void giveUp(
      Job.Builder b, Wait.OnTask w, JobStatus status, String msg, boolean timedOut, Plan plan) {
    b.awaiting(null).failedState(b.state()).errorMessage(msg);
    String target =
        timedOut && w.transitions().containsKey("timeout")
            ? w.transitions().get("timeout")
            : w.transitions().get(TaskResult.FAILURE);
    if (target != null) {
      advance.moveAndRun(b, target, JobEvent.GIVE_UP, msg, plan);
    } else {
      advance.end(b, status, msg, JobEvent.GIVE_UP, plan);
    }
  }

  private void onBranch(
      Job.Builder b, Wait.OnBranches w, String taskId, TaskResult result, Plan plan) {
    Wait.Branch branch = Objects.requireNonNull(w.pending().get(taskId));
    Map<String, Wait.Branch> pending = new LinkedHashMap<>(w.pending());
    pending.remove(taskId);
    TaskError error = result.error();
    RetryPolicy policy = branch.spec().retry() != null ? branch.spec().retry() : options.retry();
    if (result.isFailure()
        && (error == null || error.code() == ErrorCode.TRANSIENT_ERROR)
        && branch.attempt() <= policy.maxRetries()) {
      Duration delay = policy.delayBefore(branch.attempt(), random);
      try {
        Task retry = dispatch.newTask(b, branch.spec(), branch.attempt() + 1, delay, plan);
        plan.addTask(retry);
        ErrorCode code = error == null ? ErrorCode.TRANSIENT_ERROR : error.code();
        plan.observe(o -> o.taskRetried(branch.spec().type(), code));
        pending.put(retry.id(), new Wait.Branch(branch.key(), branch.spec(), branch.attempt() + 1));
        b.retryCount(b.retryCount() + 1)
            .status(WAITING_FOR_PARALLEL_TASKS, JobEvent.BRANCH_DONE)
            .awaiting(new Wait.OnBranches(w.aggregateInto(), pending, w.results()));
        return;
      } catch (Placement.NoWorkerException e) {
        error = TaskError.transientError(e.reason());
      }
    }
    Map<String, Object> results = new LinkedHashMap<>(w.results());
    results.put(branch.key(), describe(result, error));
    // Filled as each branch ends (as Avtomatika does), so a client sees the branches done so far.
    b.aggregationResults(results);
    if (pending.isEmpty()) {
      // The finished wait is kept as the job's last one, with no branch left active.
      b.awaiting(new Wait.OnBranches(w.aggregateInto(), Map.of(), Map.of())).awaiting(null);
      String reason = "all " + results.size() + " parallel tasks done";
      advance.moveAndRun(b, w.aggregateInto(), JobEvent.BRANCHES_DONE, reason, plan);
    } else {
      b.status(WAITING_FOR_PARALLEL_TASKS, JobEvent.BRANCH_DONE)
          .awaiting(new Wait.OnBranches(w.aggregateInto(), pending, results));
    }
  }

  private static Map<String, Object> describe(TaskResult result, @Nullable TaskError error) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", result.status());
    if (!result.data().isEmpty()) {
      out.put("data", result.data()); // a failed branch sent none, and gains none (as upstream)
    }
    if (error != null) {
      out.put("error", Map.of("code", error.code().name(), "message", error.message()));
    }
    return out;
  }
}
