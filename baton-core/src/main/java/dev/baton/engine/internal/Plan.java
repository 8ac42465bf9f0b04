package dev.baton.engine.internal;

import dev.baton.engine.EngineObserver;
import dev.baton.engine.Step;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Notice;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.store.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The writes of one engine step, across every job it touches (a child job and its parent move in
 * the same transaction), and what to do once they are committed. A step that loses a race is thrown
 * away whole and computed again from fresh reads.
 */
public final class Plan {
  final Instant now;
  private final Map<String, Job.Builder> inserted = new LinkedHashMap<>();
  private final Map<String, Job.Builder> updated = new LinkedHashMap<>();
  private final List<Task> newTasks = new ArrayList<>();
  private final List<Change.MoveTask> moves = new ArrayList<>();
  private final List<Task> cancelledLeases = new ArrayList<>();
  private final List<JobTransition> transitions = new ArrayList<>();
  private final List<Notice> notices = new ArrayList<>();
  private final Map<String, JobTransition> lastTransition = new LinkedHashMap<>();
  private final List<Change.Op> alongside = new ArrayList<>();
  private final List<Consumer<EngineObserver>> observed = new ArrayList<>();

  Plan(Instant now) {
    this.now = now;
  }

  /** A job this step changes; the same builder for the same job. */
  Job.Builder update(Job job) {
    Job.Builder existing = builder(job.id());
    if (existing != null) {
      return existing;
    }
    Job.Builder b = job.toBuilder().updatedAt(now);
    updated.put(job.id(), b);
    return b;
  }

  /** A job this step creates; {@code draft} has version 0, so it is stored as version 1. */
  Job.Builder insert(Job draft) {
    Job.Builder b = draft.toBuilder();
    inserted.put(draft.id(), b);
    return b;
  }

  Job.@Nullable Builder builder(String jobId) {
    Job.Builder b = inserted.get(jobId);
    return b != null ? b : updated.get(jobId);
  }

  void addTask(Task task) {
    newTasks.add(task);
  }

  void moveTask(Task task, TaskStatus to) {
    moves.add(new Change.MoveTask(task.id(), to));
    observeEnd(task, to);
    // A worker still running a cancelled or timed-out task is told to stop.
    if (!to.isOpen() && to != TaskStatus.DONE && task.status() == TaskStatus.LEASED) {
      cancelledLeases.add(task);
    }
  }

  /**
   * Cancels a task that no worker holds. Guarded on {@code queued}: when a worker took it since it
   * was read, the whole step fails and is planned again from what the store holds now.
   */
  void cancelQueued(Task task) {
    moves.add(new Change.MoveTask(task.id(), TaskStatus.CANCELLED, Set.of(TaskStatus.QUEUED)));
    observeEnd(task, TaskStatus.CANCELLED);
  }

  /** Moves a task without telling its worker: the worker gave it back itself, or is gone. */
  void moveTaskQuietly(Task task, TaskStatus to) {
    moves.add(new Change.MoveTask(task.id(), to));
    observeEnd(task, to);
  }

  private void observeEnd(Task task, TaskStatus to) {
    if (task.status().isOpen() && !to.isOpen()) {
      observe(o -> o.taskEnded(task, to, now));
    }
  }

  /** An event for the observers, told once this plan is committed (never if it is not). */
  void observe(Consumer<EngineObserver> event) {
    observed.add(event);
  }

  List<Consumer<EngineObserver>> observed() {
    return observed;
  }

  boolean inserted(String jobId) {
    return inserted.containsKey(jobId);
  }

  List<JobTransition> transitions() {
    return transitions;
  }

  void addNotice(Notice n) {
    notices.add(n);
  }

  /** A write outside the jobs (a schedule's new state, a run) that commits with them or not. */
  void also(Change.Op op) {
    alongside.add(op);
  }

  List<Task> cancelledLeases() {
    return cancelledLeases;
  }

  /**
   * Records a move of the job to its builder's current state and status. A move into RUNNING
   * followed by a settle in the same state is kept as one entry, so the history shows where the job
   * went and where it stopped, not every internal step.
   */
  void record(Job.Builder b, String reason) {
    String id = b.from().id();
    JobTransition last = lastTransition.get(id);
    if (last != null && last.toStatus() == JobStatus.RUNNING && last.toState().equals(b.state())) {
      JobTransition merged =
          new JobTransition(
              id,
              now,
              last.fromState(),
              b.state(),
              last.fromStatus(),
              b.status(),
              last.reason() + "; " + reason);
      transitions.set(transitions.lastIndexOf(last), merged);
      lastTransition.put(id, merged);
      return;
    }
    String fromState = last != null ? last.toState() : fromState(b);
    JobStatus fromStatus = last != null ? last.toStatus() : fromStatus(b);
    JobTransition t =
        new JobTransition(id, now, fromState, b.state(), fromStatus, b.status(), reason);
    transitions.add(t);
    lastTransition.put(id, t);
  }

  private @Nullable String fromState(Job.Builder b) {
    return inserted.containsKey(b.from().id()) ? null : b.from().state();
  }

  private @Nullable JobStatus fromStatus(Job.Builder b) {
    return inserted.containsKey(b.from().id()) ? null : b.from().status();
  }

  /** The jobs as they will be stored. */
  List<Job> jobs() {
    List<Job> out = new ArrayList<>();
    inserted.values().forEach(b -> out.add(b.build()));
    updated.values().forEach(b -> out.add(b.build()));
    return out;
  }

  int insertedTasks() {
    return newTasks.size();
  }

  List<Task> newTasks() {
    return newTasks;
  }

  /** What this step did to each of {@code jobs} (as stored), for an observer after the commit. */
  List<Step> steps(List<Job> jobs, Instant committed) {
    List<Step> out = new ArrayList<>();
    for (Job j : jobs) {
      Job.Builder before = updated.get(j.id());
      out.add(
          new Step(
              j,
              before == null ? null : before.from(),
              transitions.stream().filter(t -> t.jobId().equals(j.id())).toList(),
              newTasks.stream().filter(t -> t.jobId().equals(j.id())).toList(),
              now,
              committed));
    }
    return out;
  }

  Change change(List<Job> jobs) {
    Change.Builder c = Change.builder();
    for (Job j : jobs) {
      if (inserted.containsKey(j.id())) {
        c.insertJob(j);
      }
    }
    for (Job j : jobs) {
      if (updated.containsKey(j.id())) {
        c.updateJob(j);
      }
    }
    moves.forEach(c::add);
    newTasks.forEach(c::insertTask);
    // A transition is its job's entry in the ledger, which names the blueprint.
    Map<String, String> blueprints = new LinkedHashMap<>();
    jobs.forEach(j -> blueprints.put(j.id(), j.blueprint()));
    for (JobTransition t : transitions) {
      c.transition(t, blueprints.getOrDefault(t.jobId(), ""));
    }
    notices.forEach(c::notice);
    alongside.forEach(c::add);
    return c.build();
  }
}
