package dev.baton.engine;

import dev.baton.blueprint.Compatibility;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Moving running jobs from one version of a blueprint to another: what to move, and what moved. */
public final class JobMigration {
  private JobMigration() {}

  /**
   * Which jobs of {@code blueprint} version {@code from} go to version {@code to}.
   *
   * @param states only jobs in these states of {@code from}; empty: every state
   * @param jobIds only these jobs; empty: every job of {@code from} (in {@code states})
   * @param mapping {@code old_state: new_state}, for states that changed or vanished
   * @param redispatch a job whose task a worker holds has it cancelled and dispatched again under
   *     {@code to}, instead of waiting until the task's result has been taken
   * @param dryRun decide for every job, move none
   */
  public record Request(
      String blueprint,
      int from,
      int to,
      Set<String> states,
      List<String> jobIds,
      Map<String, String> mapping,
      boolean redispatch,
      boolean dryRun) {
    public Request {
      states = Set.copyOf(states);
      jobIds = List.copyOf(jobIds);
      mapping = Map.copyOf(mapping);
    }

    /** Every running job of {@code from}, with no mapping. */
    public static Request all(String blueprint, int from, int to) {
      return new Request(blueprint, from, to, Set.of(), List.of(), Map.of(), false, false);
    }

    public Request withMapping(Map<String, String> m) {
      return new Request(blueprint, from, to, states, jobIds, m, redispatch, dryRun);
    }

    /** Only these jobs. */
    public Request withJobs(List<String> ids) {
      return new Request(blueprint, from, to, states, ids, mapping, redispatch, dryRun);
    }

    /** A task a worker holds is cancelled and dispatched again rather than waited for. */
    public Request withRedispatch() {
      return new Request(blueprint, from, to, states, jobIds, mapping, true, dryRun);
    }

    public Request asDryRun() {
      return new Request(blueprint, from, to, states, jobIds, mapping, redispatch, true);
    }
  }

  /** What happened (or, in a dry run, would happen) to one job. */
  public enum Result {
    /** It moved (or would). */
    MOVED,
    /** It stays on its version: its state changed with no mapping, or it cannot move safely. */
    REFUSED,
    /** A worker holds its task: it moves once the task's result has been taken (run it again). */
    DEFERRED,
    /** Nothing to do: it is on the target version already, it ended, or it is not of the source. */
    SKIPPED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One job's move: from which state to which, and why. */
  public record JobMove(
      String jobId, String fromState, @Nullable String toState, Result result, String reason) {}

  /** The check the migration followed, and every job's move. */
  public record Outcome(Compatibility.Report report, boolean dryRun, List<JobMove> jobs) {
    public Outcome {
      jobs = List.copyOf(jobs);
    }

    public long count(Result r) {
      return jobs.stream().filter(j -> j.result() == r).count();
    }
  }
}
