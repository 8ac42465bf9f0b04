package dev.baton.engine.internal;

import static dev.baton.job.JobStatus.*;

import dev.baton.blueprint.Action;
import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.State;
import dev.baton.blueprint.StateFailure;
import dev.baton.engine.EngineObserver;
import dev.baton.engine.EngineOptions;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobEvent;
import dev.baton.job.JobStatus;
import dev.baton.job.Maps;
import dev.baton.job.RetryPolicy;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.Wait;
import dev.baton.log.LogContext;
import dev.baton.store.JobStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Steps jobs through their blueprints: runs state handlers until the job waits (for a worker, a
 * person, branches or a sub-job) or ends, and carries out the action each handler returns.
 * Everything it decides goes into a {@link Plan}; it writes nothing itself, so a step that loses a
 * race can simply be computed again.
 *
 * <p>Under failure: a handler that throws (or finds no worker) retries its state after the engine's
 * retry delay, and quarantines the job once the retries are used up; a blueprint that is broken (an
 * undefined state, a loop without waiting) fails the job at once.
 */
public final class Advance {
  private final Blueprints blueprints;
  private final Dispatch dispatch;
  private final Webhook webhook;
  private final JobStore store;
  private final EngineOptions options;
  private final Supplier<String> ids;
  private final RandomGenerator random;
  private final EngineObserver observer;

  public Advance(
      Blueprints blueprints,
      Dispatch dispatch,
      JobStore store,
      EngineOptions options,
      Supplier<String> ids,
      RandomGenerator random,
      EngineObserver observer) {
    this.observer = observer;
    this.blueprints = blueprints;
    this.dispatch = dispatch;
    this.webhook = new Webhook(ids);
    this.store = store;
    this.options = options;
    this.ids = ids;
    this.random = random;
  }

  /** A new job in its start state, run until it waits; returns its id. */
  public String create(
      Blueprint bp,
      Map<String, Object> input,
      int priority,
      JobAttributes attributes,
      Plan plan,
      String reason) {
    return create(ids.get(), bp, input, priority, attributes, plan, reason);
  }

  /** Like the other, with the id the caller chose (derived from an idempotency key). */
  public String create(
      String id,
      Blueprint bp,
      Map<String, Object> input,
      int priority,
      JobAttributes attributes,
      Plan plan,
      String reason) {
    Job draft =
        Job.start(id, bp.name(), bp.version(), bp.start(), input, priority, attributes, plan.now);
    start(draft, reason, plan);
    return draft.id();
  }

  private void start(Job draft, String reason, Plan plan) {
    Job.Builder b = plan.insert(traced(draft)).status(RUNNING, JobEvent.START);
    plan.record(b, reason);
    run(b, plan);
  }

  /**
   * The draft with the trace context the observer opens for it (continuing the client's or the
   * parent job's), or as it is when the observer traces nothing.
   */
  private Job traced(Job draft) {
    if (observer == EngineObserver.NONE) {
      return draft;
    }
    String traceparent = observer.opening(draft);
    if (traceparent == null) {
      return draft;
    }
    Map<String, String> context = new LinkedHashMap<>(draft.attributes().tracingContext());
    context.put("traceparent", traceparent);
    return draft.withAttributes(draft.attributes().withTracingContext(context));
  }

  /** A job whose retry delay ran out runs its state again. */
  public int wake(String jobId, Plan plan) {
    Job job = store.job(jobId).orElse(null);
    if (job == null || job.wakeAt() == null || job.wakeAt().isAfter(plan.now)) {
      return 0;
    }
    Job.Builder b = plan.update(job).wakeAt(null);
    if (job.status() == AWAITING_RETRY || job.status() == PENDING) {
      moveAndRun(b, job.state(), JobEvent.RETRY_DUE, "retry of state '" + job.state() + "'", plan);
    }
    return 1;
  }

  /** Enters {@code target} because of {@code cause} and runs from there. */
  void moveAndRun(Job.Builder b, String target, JobEvent cause, String reason, Plan plan) {
    moveTo(b, target, cause);
    plan.record(b, reason);
    run(b, plan);
  }

  private void moveTo(Job.Builder b, String target, JobEvent cause) {
    Blueprint bp = blueprintOf(b).orElse(null);
    State next = bp == null ? null : bp.state(target);
    if (next != null && next.isEnd() && next.endStatus() != FINISHED) {
      b.failedState(b.state());
    }
    b.status(RUNNING, cause).state(target);
  }

  /**
   * Runs handlers from the job's current state until it waits or ends; what they log names the job.
   */
  private void run(Job.Builder b, Plan plan) {
    try (LogContext fields = LogContext.job(b.from())) {
      runStates(b, plan);
    }
  }

  private void runStates(Job.Builder b, Plan plan) {
    Optional<Blueprint> found = blueprintOf(b);
    if (found.isEmpty()) {
      handlerFailed(
          b,
          "blueprint '"
              + b.from().blueprint()
              + "' version "
              + b.blueprintVersion()
              + " is not registered",
          plan);
      return;
    }
    Blueprint bp = found.get();
    for (int steps = 0; ; steps++) {
      State state = bp.state(b.state());
      if (state == null) {
        String msg = "state '" + b.state() + "' is not defined in blueprint " + bp.name();
        end(b, FAILED, msg, JobEvent.HANDLER_FAILED, plan);
        return;
      }
      if (state.isEnd()) {
        JobStatus status = Objects.requireNonNull(state.endStatus());
        end(b, status, status == FINISHED ? null : b.errorMessage(), JobEvent.END, plan);
        return;
      }
      if (steps >= options.maxStepsPerAdvance()) {
        b.failedState(b.state());
        String msg = "moved through " + steps + " states without waiting: a loop?";
        end(b, FAILED, msg, JobEvent.HANDLER_FAILED, plan);
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
          end(b, invalid ? FAILED : QUARANTINED, f.reason(), JobEvent.HANDLER_FAILED, plan);
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
          String msg = "state '" + b.state() + "' chose '" + g.state() + "', not defined";
          end(b, FAILED, msg, JobEvent.HANDLER_FAILED, plan);
          return false;
        }
        moveTo(b, g.state(), JobEvent.NEXT_STATE);
        plan.record(b, "went to " + g.state());
        return true;
      }
      case Action.Dispatch d -> {
        dispatch.toWorker(b, d.task(), d.transitions(), 1, Duration.ZERO, plan);
        return false;
      }
      case Action.Parallel p -> {
        if (p.tasks().isEmpty()) {
          b.aggregationResults(Map.of());
          moveTo(b, p.aggregateInto(), JobEvent.NEXT_STATE);
          plan.record(b, "parallel step without tasks");
          return true;
        }
        Map<String, Wait.Branch> branches = new LinkedHashMap<>();
        for (TaskSpec spec : p.tasks()) {
          Task t = dispatch.newTask(b, spec, 1, Duration.ZERO, plan);
          branches.put(t.id(), new Wait.Branch(t.id(), spec, 1));
          plan.addTask(t);
        }
        b.status(WAITING_FOR_PARALLEL_TASKS, JobEvent.FAN_OUT)
            .awaiting(new Wait.OnBranches(p.aggregateInto(), branches, Map.of()));
        plan.record(b, "dispatched " + branches.size() + " parallel tasks");
        return false;
      }
      case Action.AwaitApproval a -> {
        b.status(WAITING_FOR_HUMAN, JobEvent.ASK)
            .awaiting(new Wait.OnHuman(a.message(), a.transitions()));
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
    parent
        .status(WAITING_FOR_SUB_JOB, JobEvent.START_SUB_JOB)
        .awaiting(new Wait.OnSubJob(childId, r.transitions()));
    Job draft =
        parent
            .from()
            .subJob(childId, child.name(), child.version(), child.start(), r.input(), plan.now);
    start(draft, "created as sub-job of " + parent.from().id(), plan);
    return childId;
  }

  /** A handler threw (or no worker fits): retry the state later, or quarantine the job. */
  void handlerFailed(Job.Builder b, String message, Plan plan) {
    int retry = b.retryCount() + 1;
    RetryPolicy policy = options.retry();
    if (retry <= policy.maxRetries()) {
      Duration delay = policy.delayBefore(retry, random);
      b.status(AWAITING_RETRY, JobEvent.HANDLER_FAILED)
          .awaiting(null)
          .wakeAt(plan.now.plus(delay))
          .errorMessage(message);
      b.retryCount(retry);
      plan.record(b, "handler failed: " + message + "; retry " + retry + " in " + delay);
      return;
    }
    b.failedState(b.state());
    String msg = "Handler failed after " + retry + " attempts: " + message;
    end(b, QUARANTINED, msg, JobEvent.HANDLER_FAILED, plan);
  }

  /** Ends the job because of {@code cause}; a sub-job's end resumes its parent in the same step. */
  void end(Job.Builder b, JobStatus status, @Nullable String message, JobEvent cause, Plan plan) {
    b.status(status, cause).awaiting(null).wakeAt(null).errorMessage(message);
    if (status == FINISHED) {
      b.failedState(null);
    }
    plan.record(b, message == null ? "ended " + status.wireName() : message);
    webhook.owe(b, status, plan);
    resumeParent(b, plan);
  }

  /**
   * A sub-job that ended (or was cancelled) moves its parent on through the parent's {@code
   * success} or {@code failure} transition, when the parent still waits for it.
   */
  void resumeParent(Job.Builder child, Plan plan) {
    String parentId = child.from().parentJobId();
    if (parentId == null) {
      return;
    }
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
    moveAndRun(
        p, target, JobEvent.SUB_JOB_ENDED, "sub-job " + childId + " ended: " + outcome, plan);
  }

  private static String describe(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** The blueprint the job runs on now: a migration may have moved it to another version. */
  private Optional<Blueprint> blueprintOf(Job.Builder b) {
    return blueprints.get(b.from().blueprint(), b.blueprintVersion());
  }
}
