package dev.baton.app;

import dev.baton.blueprint.Compatibility;
import dev.baton.engine.JobMigration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON answers of the check and migrate routes. */
public final class MigrationViews {
  /** A migration lists at most this many jobs; the counts cover them all. */
  static final int MAX_LISTED = 1_000;

  private MigrationViews() {}

  public static Map<String, @Nullable Object> report(Compatibility.Report r) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("blueprint", r.blueprint());
    out.put("from", r.from());
    out.put("to", r.to());
    out.put("verdict", r.verdict().wireName());
    Map<String, Long> jobs = new LinkedHashMap<>();
    for (Compatibility.Verdict v : Compatibility.Verdict.values()) {
      jobs.put(v.wireName(), r.jobs(v));
    }
    out.put("running_jobs", jobs);
    out.put("mapping", r.mapping());
    out.put("states", r.states().stream().map(MigrationViews::state).toList());
    out.put("notes", r.notes());
    return out;
  }

  private static Map<String, @Nullable Object> state(Compatibility.StateCheck s) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("state", s.state());
    out.put("change", s.change().wireName());
    out.put("verdict", s.verdict().wireName());
    out.put("running_jobs", s.runningJobs());
    out.put("move", s.move().wireName());
    out.put("target", s.target());
    out.put("reason", s.reason());
    return out;
  }

  static Map<String, @Nullable Object> outcome(JobMigration.Outcome o) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("dry_run", o.dryRun());
    for (JobMigration.Result r : JobMigration.Result.values()) {
      out.put(r.wireName(), o.count(r));
    }
    List<JobMigration.JobMove> listed = o.jobs().subList(0, Math.min(MAX_LISTED, o.jobs().size()));
    out.put("jobs", listed.stream().map(MigrationViews::move).toList());
    out.put("jobs_truncated", listed.size() < o.jobs().size());
    out.put("check", report(o.report()));
    return out;
  }

  private static Map<String, @Nullable Object> move(JobMigration.JobMove m) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("job_id", m.jobId());
    out.put("from_state", m.fromState());
    out.put("to_state", m.toState());
    out.put("result", m.result().wireName());
    out.put("reason", m.reason());
    return out;
  }
}
