package dev.baton.engine.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.Compatibility;
import dev.baton.blueprint.State;
import dev.baton.engine.BatonException;
import dev.baton.engine.JobMigration;
import dev.baton.job.Job;
import dev.baton.job.JobEvent;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.Severity;
import dev.baton.store.Change;
import dev.baton.store.JobStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Moves running jobs from one version of a blueprint to another at safe points: each job in a
 * transaction of its own, guarded by the job's version, decided again from the job as stored in
 * that transaction (so a job is never moved twice, and a job a worker's result moved meanwhile is
 * judged where it is now). The move is a transition in the job's history and an entry in the
 * ledger; migrating back undoes it.
 *
 * <p>Jobs are read a page at a time by id and a page's moves are committed together; a move whose
 * guard failed (a result or another migration changed the job first) is planned again alone.
 */
public final class Migration {
  private static final int PAGE = 200;

  private final Blueprints blueprints;
  private final Advance advance;
  private final Transactions tx;
  private final JobStore store;

  public Migration(Blueprints blueprints, Advance advance, Transactions tx, JobStore store) {
    this.blueprints = blueprints;
    this.advance = advance;
    this.tx = tx;
    this.store = store;
  }

  /** The check of {@code candidate} against version {@code from}, with its running jobs now. */
  public Compatibility.Report check(int from, Blueprint candidate, Map<String, String> mapping) {
    Blueprint a = version(candidate.name(), from);
    try {
      return Compatibility.check(a, candidate, store.countUnfinished(a.name(), from), mapping);
    } catch (IllegalArgumentException e) {
      throw BatonException.invalid(String.valueOf(e.getMessage()));
    }
  }

  public JobMigration.Outcome migrate(JobMigration.Request r) {
    if (r.from() == r.to()) {
      throw BatonException.invalid("'from' and 'to' are both v" + r.from() + "; nothing to move");
    }
    Blueprint b = version(r.blueprint(), r.to());
    Compatibility.Report report = check(r.from(), b, r.mapping());
    for (String s : r.states()) {
      if (report.of(s) == null) {
        throw BatonException.invalid(
            "states: '" + s + "' is not a state of " + r.blueprint() + " v" + r.from());
      }
    }
    MigrationDecision decision = new MigrationDecision(store, r, report, b);
    List<JobMigration.JobMove> moves = new ArrayList<>();
    if (!r.jobIds().isEmpty()) {
      for (int i = 0; i < r.jobIds().size(); i += PAGE) {
        List<String> ids = r.jobIds().subList(i, Math.min(r.jobIds().size(), i + PAGE));
        moves.addAll(page(ids, Map.of(), decision, r));
      }
    } else {
      String after = null;
      for (List<Job> page; !(page = unfinished(r, after)).isEmpty(); ) {
        after = page.get(page.size() - 1).id();
        Map<String, Job> read = new HashMap<>();
        page.stream()
            .filter(j -> r.states().isEmpty() || r.states().contains(j.state()))
            .forEach(j -> read.put(j.id(), j));
        List<String> asked = page.stream().map(Job::id).filter(read::containsKey).toList();
        moves.addAll(page(asked, read, decision, r));
      }
    }
    return new JobMigration.Outcome(report, r.dryRun(), moves);
  }

  private List<Job> unfinished(JobMigration.Request r, @Nullable String after) {
    return store.unfinishedJobs(r.blueprint(), r.from(), after, PAGE);
  }

  /**
   * One page's moves, committed together. {@code read} holds the jobs of the page as just read (a
   * page of all unfinished jobs): each is planned from that copy rather than read again, since the
   * commit is guarded by the job's version anyway; a job a result moved since fails its guard and
   * is planned again alone from a fresh read.
   */
  private List<JobMigration.JobMove> page(
      List<String> ids, Map<String, Job> read, MigrationDecision decision, JobMigration.Request r) {
    if (r.dryRun()) {
      return ids.stream().map(id -> decision.decide(id, current(id, read)).move()).toList();
    }
    List<Function<Plan, JobMigration.JobMove>> steps = new ArrayList<>();
    for (String id : ids) {
      steps.add(plan -> move(id, current(id, read), decision, r, plan));
    }
    List<Optional<JobMigration.JobMove>> done = tx.tryAll(steps);
    List<JobMigration.JobMove> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      // Lost a race with a result or another migration: planned again alone, from fresh reads.
      out.add(done.get(i).orElseGet(() -> again(id, decision, r)));
    }
    return out;
  }

  /**
   * A move that did not commit with its page, alone. One that still fails (it keeps losing races,
   * or its new state cannot be entered) refuses that job with the reason and moves on to the
   * others: one job must not stop the migration of thousands.
   */
  private JobMigration.JobMove again(
      String id, MigrationDecision decision, JobMigration.Request r) {
    try {
      return tx.run(plan -> move(id, store.job(id).orElse(null), decision, r, plan));
    } catch (RuntimeException e) {
      String state = store.job(id).map(Job::state).orElse("");
      String why = "could not move: " + e.getMessage();
      return new JobMigration.JobMove(id, state, null, JobMigration.Result.REFUSED, why);
    }
  }

  private @Nullable Job current(String id, Map<String, Job> read) {
    Job known = read.get(id);
    return known != null ? known : store.job(id).orElse(null);
  }

  /** One job's move, planned from {@code job} as read; writes nothing when it does not move. */
  private JobMigration.JobMove move(
      String id, @Nullable Job job, MigrationDecision decision, JobMigration.Request r, Plan plan) {
    MigrationDecision.Decision d = decision.decide(id, job);
    if (!d.moves() || job == null) {
      return d.move();
    }
    JobMigration.JobMove m = d.move();
    String into = Objects.requireNonNull(m.toState());
    String reason = "migrated from v" + r.from() + " to v" + r.to() + ": " + m.reason();
    Job.Builder b = plan.update(job).blueprintVersion(r.to());
    switch (Objects.requireNonNull(d.how())) {
      case AS_IS -> {
        b.awaiting(withOutcomes(job.awaiting(), into, r));
        plan.record(b, reason);
      }
      case ASK_AGAIN -> {
        b.state(into).awaiting(d.askAgain());
        plan.record(b, reason);
      }
      case REENTER -> {
        d.queued().forEach(plan::cancelQueued);
        d.leased().forEach(t -> plan.moveTask(t, TaskStatus.CANCELLED));
        b.awaiting(null).wakeAt(null);
        advance.moveAndRun(b, into, JobEvent.MIGRATE, reason, plan);
      }
    }
    plan.also(new Change.AppendLedger(ledgerEntry(job, m, r, plan)));
    return m;
  }

  /**
   * A job moved as it is takes the new version's outcomes for the state it waits in (an outcome
   * added in the new version becomes one it accepts); a state without named outcomes keeps the wait
   * it had.
   */
  private @Nullable Wait withOutcomes(@Nullable Wait wait, String state, JobMigration.Request r) {
    State s = version(r.blueprint(), r.to()).states().get(state);
    if (s == null || s.on().isEmpty()) {
      return wait;
    }
    return switch (wait) {
      case Wait.OnTask w -> new Wait.OnTask(w.taskId(), w.spec(), w.attempt(), s.on());
      case Wait.OnHuman w -> new Wait.OnHuman(w.message(), s.on());
      case Wait.OnSubJob w -> new Wait.OnSubJob(w.childJobId(), s.on());
      case null, default -> wait;
    };
  }

  private static LedgerEntry ledgerEntry(
      Job job, JobMigration.JobMove m, JobMigration.Request r, Plan plan) {
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("blueprint", r.blueprint());
    details.put("from_version", (long) r.from());
    details.put("to_version", (long) r.to());
    details.put("from_state", job.state());
    details.put("to_state", m.toState());
    details.put("reason", m.reason());
    return LedgerEntry.of(plan.now, "job.migrated", "engine", Severity.INFO, job.id(), details);
  }

  private Blueprint version(String name, int version) {
    return blueprints
        .get(name, version)
        .orElseThrow(() -> BatonException.notFound(Blueprints.unknown(name, version)));
  }
}
