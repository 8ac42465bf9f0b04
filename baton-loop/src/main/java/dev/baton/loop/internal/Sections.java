package dev.baton.loop.internal;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import dev.baton.loop.SnapshotSource;
import dev.baton.loop.internal.RuleSet.SnapshotSettings;
import dev.baton.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Baton's own sections of the snapshot: {@code jobs}, {@code queue}, {@code workers}, {@code
 * failures} and {@code ledger}. Each is a few counting queries; the ones that look for the oldest
 * or stuck jobs read at most {@link #SAMPLE} of the oldest jobs of each status, so a cycle costs
 * the same with a thousand jobs or ten million.
 */
public final class Sections {
  /** How many of the oldest jobs of a status are looked at for age and for being stuck. */
  static final int SAMPLE = 100;

  /** At most this many ids are listed in a section. */
  static final int LISTED = 10;

  /**
   * Statuses in which a job that does not move is stuck. Not a wait for a person (who may take
   * days), for a retry (which has its own time) or for a sub-job (whose own progress counts).
   */
  private static final Set<JobStatus> CAN_BE_STUCK =
      EnumSet.of(
          JobStatus.PENDING,
          JobStatus.RUNNING,
          JobStatus.WAITING_FOR_WORKER,
          JobStatus.WAITING_FOR_PARALLEL_TASKS);

  private Sections() {}

  public static List<SnapshotSource> builtIn(
      Engine engine, Ledger ledger, Supplier<SnapshotSettings> settings) {
    return List.of(
        SnapshotSource.of("jobs", now -> jobs(engine, now, settings.get())),
        SnapshotSource.of("queue", now -> queue(engine, now, settings.get())),
        SnapshotSource.of("workers", now -> workers(engine, now)),
        SnapshotSource.of("failures", now -> failures(ledger, now)),
        SnapshotSource.of("ledger", now -> ledger(ledger, now)));
  }

  static Map<String, Object> jobs(Engine engine, Instant now, SnapshotSettings s) {
    Map<JobStatus, Long> counts = engine.countJobs();
    Map<String, Object> out = new LinkedHashMap<>();
    long total = 0;
    long active = 0;
    for (JobStatus st : JobStatus.values()) {
      long n = counts.getOrDefault(st, 0L);
      out.put(st.wireName(), n);
      total += n;
      active += st.isTerminal() ? 0 : n;
    }
    out.put("total", total);
    out.put("active", active);
    Instant cutoff = now.minus(Duration.ofMinutes(s.stuckAfterMinutes()));
    double oldest = 0;
    Map<String, Object> oldestByStatus = new LinkedHashMap<>();
    List<String> stuck = new ArrayList<>();
    long stuckCount = 0;
    for (JobStatus st : JobStatus.values()) {
      long n = counts.getOrDefault(st, 0L);
      if (st.isTerminal() || n == 0) {
        continue;
      }
      double oldestOfStatus = 0;
      for (Job j : oldest(engine, st, n)) {
        oldestOfStatus = Math.max(oldestOfStatus, minutes(j.createdAt(), now));
        if (CAN_BE_STUCK.contains(st) && j.updatedAt().isBefore(cutoff)) {
          stuckCount++;
          if (stuck.size() < LISTED) {
            stuck.add(j.id());
          }
        }
      }
      oldestByStatus.put(st.wireName(), oldestOfStatus);
      oldest = Math.max(oldest, oldestOfStatus);
    }
    out.put("oldest_active_age_minutes", oldest);
    out.put("oldest_age_minutes_by_status", oldestByStatus);
    out.put("stuck", stuckCount);
    out.put("stuck_ids", stuck);
    out.put("stuck_after_minutes", (long) s.stuckAfterMinutes());
    return out;
  }

  static Map<String, Object> queue(Engine engine, Instant now, SnapshotSettings s) {
    long depth = engine.countJobs().getOrDefault(JobStatus.WAITING_FOR_WORKER, 0L);
    double oldestWait = 0;
    for (Job j : oldest(engine, JobStatus.WAITING_FOR_WORKER, depth)) {
      oldestWait = Math.max(oldestWait, minutes(j.updatedAt(), now));
    }
    long alive = engine.workers().stream().filter(w -> w.expiresAt().isAfter(now)).count();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("depth", depth);
    out.put("oldest_wait_minutes", oldestWait);
    out.put("workers_alive", alive);
    out.put("per_worker", alive == 0 ? (double) depth : (double) depth / alive);
    out.put("saturated", depth > s.queueSaturatedAbove());
    out.put("saturated_above", (long) s.queueSaturatedAbove());
    return out;
  }

  static Map<String, Object> workers(Engine engine, Instant now) {
    List<Worker> all = engine.workers();
    long alive = all.stream().filter(w -> w.expiresAt().isAfter(now)).count();
    // A lease can outlive its worker; only recently dead workers are asked, a bounded number.
    Instant recent = now.minus(Duration.ofHours(24));
    List<String> holding = new ArrayList<>();
    long holdingCount = 0;
    int asked = 0;
    for (Worker w : all) {
      if (w.expiresAt().isAfter(now) || w.expiresAt().isBefore(recent) || asked++ >= SAMPLE) {
        continue;
      }
      if (!engine.leasedTo(w.id()).isEmpty()) {
        holdingCount++;
        if (holding.size() < LISTED) {
          holding.add(w.id());
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", (long) all.size());
    out.put("alive", alive);
    out.put("dead", all.size() - alive);
    out.put("dead_holding_tasks", holdingCount);
    out.put("dead_holding_ids", holding);
    return out;
  }

  static Map<String, Object> failures(Ledger ledger, Instant now) {
    LedgerQuery hour = LedgerQuery.newest(1).between(now.minus(Duration.ofHours(1)), null);
    long failed = ledger.count(hour.type("job.failed"));
    long quarantined = ledger.count(hour.type("job.quarantined"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobs_1h", failed + quarantined);
    out.put("failed_1h", failed);
    out.put("quarantined_1h", quarantined);
    out.put("actions_1h", ledger.count(hour.type("orchestrator.action_failed")));
    return out;
  }

  static Map<String, Object> ledger(Ledger ledger, Instant now) {
    LedgerQuery hour = LedgerQuery.newest(LISTED).between(now.minus(Duration.ofHours(1)), null);
    long errors = ledger.count(hour.severity(Severity.ERROR));
    List<Map<String, Object>> recent = new ArrayList<>();
    for (LedgerEntry e : ledger.read(hour.severity(Severity.ERROR)).entries()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("seq", e.seq());
      r.put("at", e.at().toString());
      r.put("type", e.type());
      r.put("source", e.source());
      Object why = e.details().getOrDefault("error", e.details().get("reason"));
      r.put("error", why == null ? "" : String.valueOf(why));
      recent.add(r);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("errors_1h", errors);
    out.put("has_errors", errors > 0);
    out.put("recent_errors", recent);
    out.put("total_events_1h", ledger.count(hour));
    return out;
  }

  /** Up to {@link #SAMPLE} of the oldest jobs of the status (of {@code total} such jobs). */
  private static List<Job> oldest(Engine engine, JobStatus status, long total) {
    if (total == 0) {
      return List.of();
    }
    int offset = (int) Math.max(0, Math.min(Integer.MAX_VALUE, total - SAMPLE));
    return engine.jobs(new JobQuery(status, null, SAMPLE, offset)).items();
  }

  private static double minutes(Instant from, Instant now) {
    return Math.max(0, Duration.between(from, now).toMillis()) / 60_000.0;
  }
}
