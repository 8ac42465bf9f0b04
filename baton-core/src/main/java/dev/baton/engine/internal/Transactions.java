package dev.baton.engine.internal;

import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.engine.JobListener;
import dev.baton.engine.Receipt;
import dev.baton.engine.Step;
import dev.baton.engine.WorkerChannel;
import dev.baton.job.Job;
import dev.baton.job.JobTransition;
import dev.baton.job.Task;
import dev.baton.log.LogContext;
import dev.baton.store.Change;
import dev.baton.store.Commits;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs engine steps: computes a plan from fresh reads, commits it, and on a lost race (a guard
 * failed because another thread or node changed the job first) computes it again. After a commit it
 * wakes pollers, tells workers to stop cancelled tasks and notifies listeners.
 */
public final class Transactions {
  private static final Logger log = LoggerFactory.getLogger(Transactions.class);
  private static final int MAX_ATTEMPTS = 50;

  private final Commits store;
  private final Clock clock;
  private final TaskSignal signal;
  private final WorkerChannel channel;
  private final List<JobListener> listeners;
  private final Observers observers;

  public Transactions(
      Commits store,
      Clock clock,
      TaskSignal signal,
      WorkerChannel channel,
      List<JobListener> listeners,
      Observers observers) {
    this.store = store;
    this.observers = observers;
    this.clock = clock;
    this.signal = signal;
    this.channel = channel;
    // Listeners may be added after the engine is built; a copy-on-write list lets them join while
    // commits notify the others.
    this.listeners = new CopyOnWriteArrayList<>(listeners);
  }

  public void addListener(JobListener listener) {
    listeners.add(listener);
  }

  public <T> T run(Function<Plan, T> step) {
    return run(step, (plan, jobs, out) -> {});
  }

  /** What a caller learns of a committed step: the jobs as stored. */
  private interface Committed<T> {
    void accept(Plan plan, List<Job> jobs, T out);
  }

  private <T> T run(Function<Plan, T> step, Committed<T> committed) {
    for (int attempt = 1; ; attempt++) {
      Plan plan = new Plan(clock.instant());
      T out = step.apply(plan);
      List<Job> jobs = plan.jobs();
      Change change = plan.change(jobs);
      if (change.ops().isEmpty() || store.commit(change)) {
        afterCommit(plan, jobs);
        committed.accept(plan, jobs, out);
        return out;
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw BatonException.conflict(
            "gave up after " + attempt + " concurrent changes to the same job; try again");
      }
    }
  }

  /** Runs a step that creates or changes the job {@code jobId}; returns it as committed. */
  public Job runForJob(Function<Plan, String> step) {
    AtomicReference<Job> committed = new AtomicReference<>();
    run(
        step,
        (plan, jobs, id) -> jobs.stream().filter(j -> j.id().equals(id)).forEach(committed::set));
    return Objects.requireNonNull(committed.get(), "the step did not touch its job");
  }

  /**
   * Runs a step that creates or changes the jobs it returns the ids of; returns them as committed.
   */
  public List<Job> runForJobs(Function<Plan, List<String>> step) {
    List<Job> committed = new ArrayList<>();
    run(
        step,
        (plan, jobs, ids) -> {
          Map<String, Job> byId = new HashMap<>();
          jobs.forEach(j -> byId.put(j.id(), j));
          ids.forEach(id -> committed.add(Objects.requireNonNull(byId.get(id), id)));
        });
    return committed;
  }

  /** Like {@link #run}, but a refusal is logged and counts as nothing done (background work). */
  public int runQuietly(Function<Plan, Integer> step) {
    try {
      return run(step);
    } catch (BatonException e) {
      log.debug("background step skipped: {}", e.getMessage());
      return 0;
    }
  }

  /** Many independent steps committed together; one that loses a race is run again alone. */
  public List<Engine.Outcome> runAll(List<Function<Plan, Receipt>> steps) {
    List<Engine.Outcome> outcomes = new ArrayList<>();
    List<Plan> plans = new ArrayList<>();
    List<List<Job>> jobsOf = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    List<Integer> index = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Plan plan = new Plan(clock.instant());
      try {
        Receipt r = steps.get(i).apply(plan);
        outcomes.add(new Engine.Outcome(r, null));
        List<Job> jobs = plan.jobs();
        plans.add(plan);
        jobsOf.add(jobs);
        changes.add(plan.change(jobs));
        index.add(i);
      } catch (BatonException e) {
        outcomes.add(new Engine.Outcome(null, e));
      }
    }
    List<Boolean> applied = store.commitAll(changes);
    for (int k = 0; k < applied.size(); k++) {
      int i = index.get(k);
      if (applied.get(k)) {
        afterCommit(plans.get(k), jobsOf.get(k));
      } else {
        try {
          outcomes.set(i, new Engine.Outcome(run(steps.get(i)), null));
        } catch (BatonException e) {
          outcomes.set(i, new Engine.Outcome(null, e));
        }
      }
    }
    return outcomes;
  }

  /**
   * Many independent steps committed together, each once: a step whose guard fails is not run again
   * (its caller looks afresh, e.g. the scheduler on its next pass), and a step that throws is
   * logged and left out.
   *
   * @return for each step its result, or empty when it threw or was not applied
   */
  public <T> List<Optional<T>> tryAll(List<Function<Plan, T>> steps) {
    return commit(prepare(steps, clock.instant()));
  }

  /** Steps planned as of {@code now} and not yet committed; see {@link #commit}. */
  public static final class Prepared<T> {
    private final List<Optional<T>> results = new ArrayList<>();
    private final List<Plan> plans = new ArrayList<>();
    private final List<List<Job>> jobsOf = new ArrayList<>();
    private final List<Change> changes = new ArrayList<>();
    private final List<Integer> index = new ArrayList<>();
    private final List<T> outs = new ArrayList<>();
    private @Nullable List<Boolean> applied; // set by write, taken by release

    public boolean isEmpty() {
      return changes.isEmpty();
    }
  }

  /**
   * Plans the steps as of {@code now} (which may be a moment ahead: the scheduler plans the fires
   * due at an instant just before it, then commits at that instant) without writing anything.
   */
  public <T> Prepared<T> prepare(List<Function<Plan, T>> steps, Instant now) {
    Prepared<T> p = new Prepared<>();
    for (int i = 0; i < steps.size(); i++) {
      p.results.add(Optional.empty());
      Plan plan = new Plan(now);
      try {
        T out = steps.get(i).apply(plan);
        List<Job> jobs = plan.jobs();
        Change change = plan.change(jobs);
        if (change.ops().isEmpty()) {
          p.results.set(i, Optional.of(out));
          continue;
        }
        p.plans.add(plan);
        p.jobsOf.add(jobs);
        p.changes.add(change);
        p.index.add(i);
        p.outs.add(out);
      } catch (RuntimeException e) {
        log.warn("step skipped: {}", e.getMessage(), e);
      }
    }
    return p;
  }

  /** Commits what {@link #prepare} planned: each plan applies whole, or not at all. */
  public <T> List<Optional<T>> commit(Prepared<T> p) {
    write(p);
    return release(p);
  }

  /**
   * Writes what {@link #prepare} planned (each plan whole, or not at all) and tells nobody yet: the
   * scheduler writes the fires of an instant ahead of it, whose tasks are not visible before it,
   * and tells pollers, workers, observers and listeners at the instant with {@link #release}.
   */
  public <T> void write(Prepared<T> p) {
    if (p.applied != null) {
      throw new IllegalStateException("these plans are written already; expected release");
    }
    p.applied = p.changes.isEmpty() ? List.of() : store.commitAll(p.changes);
  }

  /**
   * Tells pollers, workers, observers and listeners what {@link #write} committed, once.
   *
   * @return for each step its result, or empty when it threw or was not applied
   */
  public <T> List<Optional<T>> release(Prepared<T> p) {
    List<Boolean> applied = p.applied;
    if (applied == null) {
      throw new IllegalStateException("these plans are not written; expected write first");
    }
    p.applied = List.of();
    for (int k = 0; k < applied.size(); k++) {
      if (applied.get(k)) {
        afterCommit(p.plans.get(k), p.jobsOf.get(k));
        p.results.set(p.index.get(k), Optional.of(p.outs.get(k)));
      }
    }
    return p.results;
  }

  private void tellObservers(Plan plan, List<Job> jobs) {
    // A job created by this step is told once, as created in the status it ended the step in.
    for (Job j : jobs) {
      if (plan.inserted(j.id())) {
        observers.tell(o -> o.jobMoved(j, null, j.status()));
      }
    }
    for (JobTransition t : plan.transitions()) {
      if (!plan.inserted(t.jobId()) && t.fromStatus() != t.toStatus()) {
        jobs.stream()
            .filter(j -> j.id().equals(t.jobId()))
            .findFirst()
            .ifPresent(j -> observers.tell(o -> o.jobMoved(j, t.fromStatus(), t.toStatus())));
      }
    }
    plan.observed().forEach(observers::tell);
  }

  private void afterCommit(Plan plan, List<Job> jobs) {
    if (plan.insertedTasks() > 0) {
      signal.queued(plan.newTasks());
    }
    for (Task t : plan.cancelledLeases()) {
      try (LogContext fields = LogContext.task(t)) {
        try {
          channel.cancelTask(t);
        } catch (RuntimeException e) {
          log.warn("could not tell worker {} to stop task {}", t.workerId(), t.id(), e);
        }
      }
    }
    tellObservers(plan, jobs);
    if (!observers.isEmpty()) {
      observe(plan, jobs);
    }
    for (Job j : jobs) {
      try (LogContext fields = LogContext.job(j)) {
        if (j.status().isTerminal()) {
          log.debug("job {} ended {} in state '{}'", j.id(), j.status().wireName(), j.state());
        }
        for (JobListener l : listeners) {
          try {
            l.changed(j);
          } catch (RuntimeException e) {
            log.warn("job listener failed for job {}", j.id(), e);
          }
        }
      }
    }
  }

  /** Tells the observer what the step did; a failing observer costs a log line, never the step. */
  private void observe(Plan plan, List<Job> jobs) {
    for (Step step : plan.steps(jobs, clock.instant())) {
      try {
        observers.committed(step);
      } catch (RuntimeException e) {
        log.warn("engine observer failed for job {}", step.job().id(), e);
      }
    }
  }
}
