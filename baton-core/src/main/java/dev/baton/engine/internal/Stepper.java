package dev.baton.engine.internal;

import static dev.baton.job.JobStatus.*;

import dev.baton.blueprint.Action;
import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.State;
import dev.baton.blueprint.StateFailure;
import dev.baton.engine.BatonException;
import dev.baton.engine.EngineOptions;
import dev.baton.engine.Receipt;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Maps;
import dev.baton.job.Notice;
import dev.baton.job.RetryPolicy;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Moves jobs through their blueprints: runs state handlers until a job waits or ends, and turns
 * task results into the next state. Everything it decides goes into a {@link Plan}; it writes
 * nothing itself, so a step that loses a race can simply be computed again.
 */
public final class Stepper {
  /** The error message of a task whose deadline passed; a {@code timeout} transition takes it. */
  public static final String TIMED_OUT = "Worker task timed out.";

  private final Blueprints blueprints;
  private final Placement placement;
  private final Store store;
  private final EngineOptions options;
  private final Supplier<String> ids;
  private final RandomGenerator random;

  public Stepper(
      Blueprints blueprints,
      Placement placement,
      Store store,
      EngineOptions options,
      Supplier<String> ids,
      RandomGenerator random) {
    this.blueprints = blueprints;
    this.placement = placement;
    this.store = store;
    this.options = options;
    this.ids = ids;
    this.random = random;
  }

  /** A new job in its start state, run until it waits; returns its id. */
  /** The job attribute naming the one worker (or robot) its tasks go to. */
  public static final String AFFINITY = "affinity";

  public String create(
      Blueprint bp,
      Map<String, Object> input,
      int priority,
      Map<String, Object> attributes,
      @Nullable String parentId,
      Plan plan,
      String reason) {
    Job draft =
        new Job(
            ids.get(),
            bp.name(),
            bp.version(),
            bp.start(),
            PENDING,
            input,
            Map.of(),
            priority,
            0,
            plan.now,
            plan.now,
            null,
            parentId,
            null,
            null,
            null,
            Map.of(),
            attributes,
            0);
    Job.Builder b = plan.insert(draft).status(RUNNING);
    plan.record(b, reason);
    run(b, plan);
    return draft.id();
  }

  /** Enters {@code target} and runs from there. */
  void moveAndRun(Job.Builder b, String target, String reason, Plan plan) {
    moveTo(b, target);
    plan.record(b, reason);
    run(b, plan);
  }

  private void moveTo(Job.Builder b, String target) {
    Blueprint bp = blueprintOf(b.from()).orElse(null);
    State next = bp == null ? null : bp.state(target);
    if (next != null && next.isEnd() && next.endStatus() != FINISHED) {
      b.failedState(b.state());
    }
    b.status(RUNNING).state(target);
  }

  /** Runs handlers from the job's current state until it waits or ends. */
  void run(Job.Builder b, Plan plan) {
    Optional<Blueprint> found = blueprintOf(b.from());
    if (found.isEmpty()) {
      handlerFailed(
          b,
          "blueprint '"
              + b.from().blueprint()
              + "' version "
              + b.from().blueprintVersion()
              + " is not registered",
          plan);
      return;
    }
    Blueprint bp = found.get();
    for (int steps = 0; ; steps++) {
      State state = bp.state(b.state());
      if (state == null) {
        end(b, FAILED, "state '" + b.state() + "' is not defined in blueprint " + bp.name(), plan);
        return;
      }
      if (state.isEnd()) {
        JobStatus status = Objects.requireNonNull(state.endStatus());
        end(b, status, status == FINISHED ? null : b.errorMessage(), plan);
        return;
      }
      if (steps >= options.maxStepsPerAdvance()) {
        b.failedState(b.state());
        end(b, FAILED, "moved through " + steps + " states without waiting: a loop?", plan);
        return;
      }
      Context ctx = new Context(b);
      Action action;
      try {
        action = Objects.requireNonNull(state.handler()).handle(ctx);
        if (action == null) {
          throw new IllegalStateException("handler of state '" + b.state() + "' returned null");
        }
      } catch (StateFailure f) {
        if (f.code() == ErrorCode.TRANSIENT_ERROR) {
          handlerFailed(b, f.reason(), plan);
        } else {
          b.failedState(b.state());
          boolean invalid = f.code() == ErrorCode.INVALID_INPUT_ERROR;
          end(b, invalid ? FAILED : QUARANTINED, f.reason(), plan);
        }
        return;
      } catch (Exception e) {
        handlerFailed(b, describe(e), plan);
        return;
      }
      if (ctx.changedData()) {
        b.data(Maps.copy(ctx.newData()));
      }
      try {
        if (!act(b, bp, action, plan)) {
          return;
        }
      } catch (Placement.NoWorkerException e) {
        handlerFailed(b, e.reason(), plan);
        return;
      }
    }
  }

  /** Carries out an action; true when the job moved on and the loop should run the next state. */
  private boolean act(Job.Builder b, Blueprint bp, Action action, Plan plan) {
    switch (action) {
      case Action.GoTo g -> {
        if (bp.state(g.state()) == null) {
          b.failedState(b.state());
          end(b, FAILED, "state '" + b.state() + "' chose '" + g.state() + "', not defined", plan);
          return false;
        }
        moveTo(b, g.state());
        plan.record(b, "went to " + g.state());
        return true;
      }
      case Action.Dispatch d -> {
        dispatch(b, d.task(), d.transitions(), 1, Duration.ZERO, plan);
        return false;
      }
      case Action.Parallel p -> {
        if (p.tasks().isEmpty()) {
          b.aggregationResults(Map.of());
          moveTo(b, p.aggregateInto());
          plan.record(b, "parallel step without tasks");
          return true;
        }
        Map<String, Wait.Branch> branches = new LinkedHashMap<>();
        for (TaskSpec spec : p.tasks()) {
          Task t = newTask(b, spec, 1, Duration.ZERO, plan);
          branches.put(t.id(), new Wait.Branch(t.id(), spec, 1));
          plan.addTask(t);
        }
        b.status(WAITING_FOR_PARALLEL_TASKS)
            .awaiting(new Wait.OnBranches(p.aggregateInto(), branches, Map.of()));
        plan.record(b, "dispatched " + branches.size() + " parallel tasks");
        return false;
      }
      case Action.AwaitApproval a -> {
        b.status(WAITING_FOR_HUMAN).awaiting(new Wait.OnHuman(a.message(), a.transitions()));
        plan.record(b, "waiting for a decision: " + a.message());
        return false;
      }
      case Action.RunSubflow r -> {
        Blueprint child =
            blueprints
                .latest(r.blueprint())
                .orElseThrow(() ->
                    new Placement.NoWorkerException(
                        "sub-flow blueprint '" + r.blueprint() + "' is not registered"));
        String childId = startChild(b, child, r, plan);
        plan.record(b, "started sub-job " + childId);
        return false;
      }
    }
  }

  private String startChild(Job.Builder parent, Blueprint child, Action.RunSubflow r, Plan plan) {
    // The parent waits before the child runs: a child that ends at once resumes it right away.
    String childId = ids.get();
    parent.status(WAITING_FOR_SUB_JOB).awaiting(new Wait.OnSubJob(childId, r.transitions()));
    Job draft =
        new Job(
            childId,
            child.name(),
            child.version(),
            child.start(),
            PENDING,
            r.input(),
            Map.of(),
            parent.from().priority(),
            0,
            plan.now,
            plan.now,
            null,
            parent.from().id(),
            null,
            null,
            null,
            Map.of(),
            parent.from().attributes(),
            0);
    Job.Builder c = plan.insert(draft).status(RUNNING);
    plan.record(c, "created as sub-job of " + parent.from().id());
    run(c, plan);
    return childId;
  }

  private void dispatch(
      Job.Builder b,
      TaskSpec spec,
      Map<String, String> transitions,
      int attempt,
      Duration delay,
      Plan plan) {
    Task t = newTask(b, spec, attempt, delay, plan);
    plan.addTask(t);
    b.status(WAITING_FOR_WORKER).awaiting(new Wait.OnTask(t.id(), spec, attempt, transitions));
    plan.record(
        b,
        "dispatched "
            + spec.type()
            + " as task "
            + t.id()
            + (attempt > 1 ? " (attempt " + attempt + ", after " + delay.toMillis() + " ms)" : ""));
  }

  private Task newTask(Job.Builder b, TaskSpec spec, int attempt, Duration delay, Plan plan) {
    // A job with an affinity (a schedule's `affinity`) is pinned: every task goes to that worker
    // or robot only, and waits for it (until its timeout) if it is not there.
    String worker =
        b.from().attributes().get(AFFINITY) instanceof String pinned && !pinned.isBlank()
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

  /** A handler threw (or no worker fits): retry the state later, or quarantine the job. */
  private void handlerFailed(Job.Builder b, String message, Plan plan) {
    int retry = b.retryCount() + 1;
    RetryPolicy policy = options.retry();
    if (retry <= policy.maxRetries()) {
      Duration delay = policy.delayBefore(retry, random);
      b.status(AWAITING_RETRY).awaiting(null).wakeAt(plan.now.plus(delay)).errorMessage(message);
      b.retryCount(retry);
      plan.record(b, "handler failed: " + message + "; retry " + retry + " in " + delay);
      return;
    }
    b.failedState(b.state());
    end(b, QUARANTINED, "Handler failed after " + retry + " attempts: " + message, plan);
  }

  /** Ends the job; a sub-job's end resumes its parent in the same step. */
  void end(Job.Builder b, JobStatus status, @Nullable String message, Plan plan) {
    b.status(status).awaiting(null).wakeAt(null).errorMessage(message);
    if (status == FINISHED) {
      b.failedState(null);
    }
    plan.record(b, message == null ? "ended " + status.wireName() : message);
    owe(b, status, plan);
    String parentId = b.from().parentJobId();
    if (parentId != null) {
      resumeParent(b, parentId, plan);
    }
  }

  /**
   * Avtomatika's webhook: a job created with a {@code webhook_url} reports its end there, in the
   * same transaction as the end itself, so the notice survives a crash.
   */
  private void owe(Job.Builder b, JobStatus status, Plan plan) {
    String event =
        switch (status) {
          case FINISHED -> "job_finished";
          case FAILED -> "job_failed";
          case QUARANTINED -> "job_quarantined";
          default -> null;
        };
    if (event == null || !(b.from().attributes().get("webhook_url") instanceof String url)) {
      return;
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", event);
    payload.put("job_id", b.from().id());
    payload.put("status", status.wireName());
    payload.put("result", b.data());
    payload.put("error", b.errorMessage());
    plan.addNotice(
        new Notice(
            ids.get(),
            b.from().id(),
            event,
            url,
            payload,
            Notice.Status.PENDING,
            0,
            plan.now,
            plan.now,
            null));
  }

  private void resumeParent(Job.Builder child, String parentId, Plan plan) {
    Job.@Nullable Builder p = plan.builder(parentId);
    if (p == null) {
      Optional<Job> stored = store.job(parentId);
      if (stored.isEmpty()) {
        return;
      }
      p = plan.update(stored.get());
    }
    String childId = child.from().id();
    if (!(p.awaiting() instanceof Wait.OnSubJob w) || !w.childJobId().equals(childId)) {
      return; // the parent moved on (it was cancelled or decided otherwise)
    }
    boolean ok = child.status() == FINISHED;
    String outcome = ok ? "success" : "failure";
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("outcome", outcome);
    summary.put("final_state", child.state());
    summary.put("error_message", child.errorMessage());
    p.data(Maps.with(p.data(), "sub_job_" + childId + "_result", summary)).awaiting(null);
    String target = w.transitions().getOrDefault(outcome, ok ? "finished" : "failed");
    moveAndRun(p, target, "sub-job " + childId + " ended: " + outcome, plan);
  }

  /**
   * Takes a task result (or a synthetic failure for a timeout) for a job that waits on the task.
   * The caller has already moved the task to done or expired.
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
      b.status(RUNNING);
      failed(b, w, error, plan);
      return Receipt.FAILURE;
    }
    if (TaskResult.CANCELLED.equals(status) && !w.transitions().containsKey(status)) {
      end(b, CANCELLED, "cancelled by the worker", plan);
      return Receipt.CANCELLED;
    }
    String target = w.transitions().get(status);
    b.data(Maps.merged(b.data(), result.data())).awaiting(null);
    if (target == null) {
      b.status(RUNNING).failedState(b.state());
      end(b, FAILED, "Worker returned unhandled status: " + status, plan);
      return Receipt.SUCCESS;
    }
    b.errorMessage(null);
    moveAndRun(b, target, "task " + w.taskId() + " returned " + status, plan);
    return TaskResult.CANCELLED.equals(status) ? Receipt.CANCELLED : Receipt.SUCCESS;
  }

  private void failed(Job.Builder b, Wait.OnTask w, TaskError error, Plan plan) {
    RetryPolicy policy = w.spec().retry() != null ? w.spec().retry() : options.retry();
    String msg = error.message();
    boolean timedOut = TIMED_OUT.equals(msg);
    switch (error.code()) {
      case TRANSIENT_ERROR -> {
        if (w.attempt() <= policy.maxRetries()) {
          Duration delay = policy.delayBefore(w.attempt(), random);
          b.retryCount(b.retryCount() + 1).errorMessage(msg);
          try {
            dispatch(b, w.spec(), w.transitions(), w.attempt() + 1, delay, plan);
          } catch (Placement.NoWorkerException e) {
            handlerFailed(b, e.reason(), plan);
          }
          return;
        }
        giveUp(
            b,
            w,
            QUARANTINED,
            "Task failed after " + w.attempt() + " attempts: " + msg,
            timedOut,
            plan);
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
      moveAndRun(b, target, msg, plan);
    } else {
      end(b, status, msg, plan);
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
        Task retry = newTask(b, branch.spec(), branch.attempt() + 1, delay, plan);
        plan.addTask(retry);
        pending.put(retry.id(), new Wait.Branch(branch.key(), branch.spec(), branch.attempt() + 1));
        b.retryCount(b.retryCount() + 1)
            .status(WAITING_FOR_PARALLEL_TASKS)
            .awaiting(new Wait.OnBranches(w.aggregateInto(), pending, w.results()));
        return;
      } catch (Placement.NoWorkerException e) {
        error = TaskError.transientError(e.reason());
      }
    }
    Map<String, Object> results = new LinkedHashMap<>(w.results());
    results.put(branch.key(), describe(result, error));
    if (pending.isEmpty()) {
      b.awaiting(null).aggregationResults(results);
      moveAndRun(b, w.aggregateInto(), "all " + results.size() + " parallel tasks done", plan);
    } else {
      b.status(WAITING_FOR_PARALLEL_TASKS)
          .awaiting(new Wait.OnBranches(w.aggregateInto(), pending, results));
    }
  }

  /** Cancels a job that has not ended, its open tasks and its running sub-job. */
  public boolean cancel(Job job, Plan plan) {
    if (job.status().isTerminal()) {
      throw BatonException.conflict(
          "job "
              + job.id()
              + " is already "
              + job.status().wireName()
              + "; it cannot be cancelled");
    }
    cancelTree(plan.update(job), "cancelled by request", plan);
    return true;
  }

  private void cancelTree(Job.Builder b, String reason, Plan plan) {
    Wait wait = b.awaiting();
    b.status(CANCELLED).awaiting(null).wakeAt(null);
    plan.record(b, reason);
    for (Task t : store.tasksOf(b.from().id())) {
      if (t.status().isOpen()) {
        plan.moveTask(t, TaskStatus.CANCELLED);
      }
    }
    if (wait instanceof Wait.OnSubJob w) {
      store
          .job(w.childJobId())
          .filter(c -> !c.status().isTerminal())
          .ifPresent(c -> cancelTree(plan.update(c), "parent job cancelled", plan));
    }
    String parentId = b.from().parentJobId();
    if (parentId != null) {
      resumeParent(b, parentId, plan);
    }
  }

  /**
   * Quarantines a job that has not ended (an operator's or the control loop's verdict that it is
   * stuck): its open tasks are cancelled, its running sub-job too, and it can be resumed from the
   * state it was in.
   */
  public boolean quarantine(Job job, String reason, Plan plan) {
    if (job.status().isTerminal()) {
      throw BatonException.conflict(
          "job "
              + job.id()
              + " is already "
              + job.status().wireName()
              + "; only a job that has not ended can be quarantined");
    }
    Job.Builder b = plan.update(job);
    Wait wait = b.awaiting();
    for (Task t : store.tasksOf(job.id())) {
      if (t.status().isOpen()) {
        plan.moveTask(t, TaskStatus.CANCELLED);
      }
    }
    if (wait instanceof Wait.OnSubJob w) {
      store
          .job(w.childJobId())
          .filter(c -> !c.status().isTerminal())
          .ifPresent(c -> cancelTree(plan.update(c), "parent job quarantined", plan));
    }
    b.status(RUNNING).failedState(b.state());
    end(b, QUARANTINED, reason, plan);
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
    moveAndRun(b, target, "decision '" + decision + "'", plan);
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
    Job.Builder b = plan.update(job).status(PENDING);
    b.data(Maps.merged(b.data(), dataPatch))
        .initialData(Maps.merged(b.initialData(), inputPatch))
        .errorMessage(null)
        .failedState(null)
        .retryCount(0);
    moveAndRun(b, from, "resumed from state '" + from + "'", plan);
    return true;
  }

  /** A worker's result: fenced by the task's lease, then taken by the job. */
  public Receipt complete(String taskId, @Nullable String workerId, TaskResult result, Plan plan) {
    Task task = leased(taskId, workerId);
    Job job = store.job(task.jobId()).orElseThrow(() -> BatonException.notFound("Job not found"));
    plan.moveTask(task, TaskStatus.DONE);
    return accept(task, job, result, plan);
  }

  /**
   * Puts a leased task back in the queue as a new task of the same attempt, visible at once: a
   * robot refused it, or its robot was lost. The job waits for the new task; no retry is used up.
   */
  public int release(String taskId, @Nullable String workerId, String reason, Plan plan) {
    Task task = leased(taskId, workerId);
    Job job = store.job(task.jobId()).orElseThrow(() -> BatonException.notFound("Job not found"));
    if (!waitsFor(job, taskId)) {
      throw BatonException.conflict("job " + job.id() + " is not waiting for task " + taskId);
    }
    plan.moveTaskQuietly(task, TaskStatus.EXPIRED);
    Job.Builder b = plan.update(job);
    Task again;
    try {
      again = newTask(b, task.spec(), task.attempt(), Duration.ZERO, plan);
    } catch (Placement.NoWorkerException e) {
      accept(task, job, TaskResult.failure(TaskError.transientError(e.reason())), plan);
      return 1;
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
    plan.record(
        b,
        "task "
            + taskId
            + " given back by worker "
            + task.workerId()
            + " ("
            + reason
            + "); queued again as task "
            + again.id());
    return 1;
  }

  /** The task, which must be leased (to {@code workerId}, when given). */
  private Task leased(String taskId, @Nullable String workerId) {
    Task task =
        store.task(taskId).orElseThrow(() -> BatonException.notFound("Task not found: " + taskId));
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

  /** A job whose retry delay ran out runs its state again. */
  public int wake(String jobId, Plan plan) {
    Job job = store.job(jobId).orElse(null);
    if (job == null || job.wakeAt() == null || job.wakeAt().isAfter(plan.now)) {
      return 0;
    }
    Job.Builder b = plan.update(job).wakeAt(null);
    if (job.status() == AWAITING_RETRY || job.status() == PENDING) {
      moveAndRun(b, job.state(), "retry of state '" + job.state() + "'", plan);
    }
    return 1;
  }

  /** A task still leased to a dead worker fails its attempt (transient), as a timeout would. */
  public int release(String taskId, String workerId, Plan plan) {
    Task t = store.task(taskId).orElse(null);
    if (t == null || t.status() != TaskStatus.LEASED || !workerId.equals(t.workerId())) {
      return 0;
    }
    plan.moveTask(t, TaskStatus.EXPIRED);
    Job job = store.job(t.jobId()).orElse(null);
    if (job != null && waitsFor(job, t.id())) {
      String message = "worker " + workerId + " is dead; the control loop took its task back";
      accept(t, job, TaskResult.failure(TaskError.transientError(message)), plan);
    }
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
    String message =
        late
            ? TIMED_OUT
            : "worker " + t.workerId() + " stopped heartbeating; its lease on the task ran out";
    plan.moveTask(t, TaskStatus.EXPIRED);
    Job job = store.job(t.jobId()).orElse(null);
    if (job != null && waitsFor(job, t.id())) {
      accept(t, job, TaskResult.failure(TaskError.transientError(message)), plan);
    }
    return 1;
  }

  private static boolean waitsFor(Job job, String taskId) {
    return switch (job.awaiting()) {
      case Wait.OnTask w -> w.taskId().equals(taskId);
      case Wait.OnBranches w -> w.pending().containsKey(taskId);
      case null, default -> false;
    };
  }

  private static Map<String, Object> describe(TaskResult result, @Nullable TaskError error) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", result.status());
    out.put("data", result.data());
    if (error != null) {
      out.put("error", Map.of("code", error.code().name(), "message", error.message()));
    }
    return out;
  }

  private static String describe(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private Optional<Blueprint> blueprintOf(Job job) {
    return blueprints.get(job.blueprint(), job.blueprintVersion());
  }
}
