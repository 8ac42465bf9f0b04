package dev.baton.store;

import dev.baton.cluster.Lead;
import dev.baton.job.Job;
import dev.baton.job.JobTransition;
import dev.baton.job.Notice;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.ledger.LedgerEntry;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Everything one engine step writes, applied by a store in one transaction or not at all. Guarded
 * operations ({@link UpdateJob}, {@link MoveTask}) make the whole change fail, changing nothing,
 * when the store no longer holds what the step was derived from.
 */
public record Change(List<Op> ops) {
  public Change {
    ops = List.copyOf(ops);
  }

  public sealed interface Op {}

  public record InsertJob(Job job) implements Op {}

  /** Guard: the stored job's version is {@code job.version() - 1}. */
  public record UpdateJob(Job job) implements Op {}

  public record InsertTask(Task task) implements Op {}

  /**
   * Guard: the stored task's status is one of {@code from}: by default every status {@code to} may
   * come from; a migration narrows it to {@code queued}, so a task a worker took meanwhile is never
   * cancelled under it.
   */
  public record MoveTask(String taskId, TaskStatus to, Set<TaskStatus> from) implements Op {
    public MoveTask {
      from = Set.copyOf(from);
    }

    public MoveTask(String taskId, TaskStatus to) {
      this(taskId, to, to.allowedFrom());
    }
  }

  /**
   * A step of a job's history. It is also the job's entry in the ledger ({@link
   * LedgerEntry#ofTransition}), which names the job's blueprint; a store writes it once.
   */
  public record AppendTransition(JobTransition transition, String blueprint) implements Op {
    public LedgerEntry entry() {
      return LedgerEntry.ofTransition(transition, blueprint);
    }
  }

  /** Guard: no notice with this id exists yet. */
  public record EnqueueNotice(Notice notice) implements Op {}

  /** Guard: no schedule with this id or name exists. */
  public record InsertSchedule(Schedule schedule) implements Op {}

  /** Guard: the stored schedule's version is {@code schedule.version() - 1}. */
  public record UpdateSchedule(Schedule schedule) implements Op {}

  /**
   * Where a schedule stands after a fire or a trigger (since, next fire, last run, run count,
   * queued fire, updated at, version), and nothing else: its definition and owner stay as stored,
   * so a fire writes a few columns rather than the schedule's body (issue 16). Guard: as {@link
   * UpdateSchedule}, so a fire and an operator's edit planned from the same version cannot both
   * apply, and the one refused is planned again from what the other wrote.
   */
  public record AdvanceSchedule(Schedule schedule) implements Op {}

  /** Guard: the stored schedule has this version. Its runs stay, as history. */
  public record DeleteSchedule(String id, long version) implements Op {}

  /** Guard: no run of this schedule with this fire time exists: a fire is recorded once. */
  public record InsertScheduleRun(ScheduleRun run) implements Op {}

  /** Guard: the run (schedule and fire time) exists. */
  public record UpdateScheduleRun(ScheduleRun run) implements Op {}

  /**
   * Appends a ledger entry in the same transaction as the rest of the change, so the entry and what
   * it records are stored together or not at all. Never guarded.
   */
  public record AppendLedger(LedgerEntry entry) implements Op {}

  /**
   * Guard: {@code lead} is still the current lease of its duty at {@code now}, so the change is the
   * leader's. A stale leader's change (its lease lapsed, or passed to another node with a higher
   * term) is refused whole. On a database it also locks the lease row, so the duty cannot change
   * hands while the change commits.
   */
  public record Fence(Lead lead, Instant now) implements Op {}

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the operations of one step in order. */
  public static final class Builder {
    private final List<Op> ops = new ArrayList<>();

    public Builder add(Op op) {
      ops.add(op);
      return this;
    }

    public Builder insertJob(Job job) {
      return add(new InsertJob(job));
    }

    public Builder updateJob(Job job) {
      return add(new UpdateJob(job));
    }

    public Builder insertTask(Task task) {
      return add(new InsertTask(task));
    }

    public Builder moveTask(String taskId, TaskStatus to) {
      return add(new MoveTask(taskId, to));
    }

    public Builder transition(JobTransition t, String blueprint) {
      return add(new AppendTransition(t, blueprint));
    }

    /** A transition whose ledger entry names no blueprint. */
    public Builder transition(JobTransition t) {
      return transition(t, "");
    }

    public Builder notice(Notice n) {
      return add(new EnqueueNotice(n));
    }

    public Builder ledger(LedgerEntry e) {
      return add(new AppendLedger(e));
    }

    public boolean isEmpty() {
      return ops.isEmpty();
    }

    public Change build() {
      return new Change(ops);
    }
  }
}
