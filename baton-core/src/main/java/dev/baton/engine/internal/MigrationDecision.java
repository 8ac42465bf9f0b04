package dev.baton.engine.internal;

import dev.baton.blueprint.Action;
import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.Compatibility;
import dev.baton.blueprint.State;
import dev.baton.engine.JobMigration;
import dev.baton.engine.JobMigration.Result;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a migration does with one job as the store holds it now, decided without writing anything: a
 * dry run shows it, and a migration decides again inside the transaction that moves the job, so a
 * job that moved meanwhile is judged as it is then.
 */
final class MigrationDecision {
  /** How a job that moves gets there. */
  enum How {
    AS_IS,
    REENTER,
    ASK_AGAIN
  }

  /**
   * The decision: the job's move, and for a job that moves how, the tasks to cancel (queued ones;
   * leased ones only on redispatch) and, for a decision asked again, the new wait.
   */
  record Decision(
      JobMigration.JobMove move,
      @Nullable How how,
      List<Task> queued,
      List<Task> leased,
      Wait.@Nullable OnHuman askAgain) {
    boolean moves() {
      return how != null;
    }
  }

  private final JobStore store;
  private final JobMigration.Request request;
  private final Compatibility.Report report;
  private final Blueprint target;

  MigrationDecision(
      JobStore store, JobMigration.Request request, Compatibility.Report report, Blueprint target) {
    this.store = store;
    this.request = request;
    this.report = report;
    this.target = target;
  }

  Decision decide(String jobId, @Nullable Job job) {
    if (job == null) {
      return not(jobId, "", Result.SKIPPED, "no such job");
    }
    String state = job.state();
    if (!job.blueprint().equals(request.blueprint())) {
      return not(jobId, state, Result.SKIPPED, "runs blueprint '" + job.blueprint() + "'");
    }
    if (job.blueprintVersion() == request.to()) {
      return not(jobId, state, Result.SKIPPED, "on v" + request.to() + " already");
    }
    if (job.blueprintVersion() != request.from()) {
      String why = "runs v" + job.blueprintVersion() + ", not v" + request.from();
      return not(jobId, state, Result.SKIPPED, why);
    }
    if (job.status().isTerminal()) {
      return not(jobId, state, Result.SKIPPED, "ended " + job.status().wireName());
    }
    if (!request.states().isEmpty() && !request.states().contains(state)) {
      return not(jobId, state, Result.SKIPPED, "in state '" + state + "', which was not asked for");
    }
    Compatibility.StateCheck check = report.of(state);
    if (check == null) {
      String why = "state '" + state + "' is not a state of v" + request.from();
      return not(jobId, state, Result.REFUSED, why);
    }
    return switch (check.move()) {
      case REFUSE ->
          not(
              jobId,
              state,
              Result.REFUSED,
              "state '" + state + "': " + check.what() + "; " + check.fix());
      case AS_IS -> asIs(job, check);
      case REENTER -> reenter(job, Objects.requireNonNull(check.target()));
    };
  }

  private Decision asIs(Job job, Compatibility.StateCheck check) {
    Task held =
        openTasks(job).stream().filter(MigrationDecision::isLeased).findFirst().orElse(null);
    if (held != null) {
      // Asked to redispatch: the held task is cancelled and the unchanged state entered again.
      return request.redispatch() ? reenter(job, job.state()) : deferred(job, held);
    }
    String why = "state '" + job.state() + "' " + check.what() + ": moves as it is";
    return new Decision(moved(job, job.state(), why), How.AS_IS, List.of(), List.of(), null);
  }

  private Decision reenter(Job job, String into) {
    String id = job.id();
    switch (job.awaiting()) {
      case Wait.OnSubJob w -> {
        String why =
            "waits for sub-job "
                + w.childJobId()
                + ": it can move once that ends (entering a state afresh would start another)";
        return not(id, job.state(), Result.REFUSED, why);
      }
      case Wait.OnHuman w -> {
        return askAgain(job, into);
      }
      case null, default -> {}
    }
    List<Task> queued = new ArrayList<>();
    List<Task> leased = new ArrayList<>();
    for (Task t : openTasks(job)) {
      if (!isLeased(t)) {
        queued.add(t);
      } else if (request.redispatch()) {
        leased.add(t);
      } else {
        return deferred(job, t);
      }
    }
    String why = "enters '" + into + "' of v" + request.to() + " afresh";
    if (!queued.isEmpty() || !leased.isEmpty()) {
      why += "; its task is cancelled and dispatched again";
    }
    return new Decision(moved(job, into, why), How.REENTER, queued, leased, null);
  }

  /**
   * A job waiting for a decision has no task to cancel; it is asked again in the new state, which
   * must ask for a decision too (a waiting job cannot start running: its lifecycle has no such
   * move).
   */
  private Decision askAgain(Job job, String into) {
    State s = target.states().get(into);
    String id = job.id();
    if (s == null || !s.kind().equals("approval") || s.handler() == null) {
      String why =
          "waits for a decision: it can only enter another approval state afresh ('"
              + into
              + "' is not one); decide first";
      return not(id, job.state(), Result.REFUSED, why);
    }
    Action action;
    try {
      action = s.handler().handle(new Context(job.toBuilder().state(into)));
    } catch (Exception e) {
      return not(id, job.state(), Result.REFUSED, "asking again failed: " + e.getMessage());
    }
    if (!(action instanceof Action.AwaitApproval a)) {
      return not(
          id, job.state(), Result.REFUSED, "state '" + into + "' did not ask for a decision");
    }
    String why = "asks for its decision again in '" + into + "' of v" + request.to();
    Wait.OnHuman wait = new Wait.OnHuman(a.message(), a.transitions());
    return new Decision(moved(job, into, why), How.ASK_AGAIN, List.of(), List.of(), wait);
  }

  private Decision deferred(Job job, Task held) {
    String why =
        "task "
            + held.id()
            + " is held by worker "
            + held.workerId()
            + ": it moves once the result has been taken (migrate again), or ask to redispatch";
    return not(job.id(), job.state(), Result.DEFERRED, why);
  }

  private List<Task> openTasks(Job job) {
    List<String> ids =
        switch (job.awaiting()) {
          case Wait.OnTask w -> List.of(w.taskId());
          case Wait.OnBranches w -> List.copyOf(w.pending().keySet());
          case null, default -> List.of();
        };
    List<Task> open = new ArrayList<>();
    for (String taskId : ids) {
      store.task(taskId).filter(t -> t.status().isOpen()).ifPresent(open::add);
    }
    return open;
  }

  private static boolean isLeased(Task t) {
    return t.status() == TaskStatus.LEASED;
  }

  private JobMigration.JobMove moved(Job job, String into, String why) {
    return new JobMigration.JobMove(job.id(), job.state(), into, Result.MOVED, why);
  }

  private static Decision not(String jobId, String state, Result result, String why) {
    return new Decision(
        new JobMigration.JobMove(jobId, state, null, result, why),
        null,
        List.of(),
        List.of(),
        null);
  }
}
