package dev.baton.ledger;

import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the ledger.
 *
 * @param seq the entry's place in the ledger, given by the store when it is appended (0 before);
 *     later entries have larger numbers, so it is the paging cursor
 * @param type what happened, dotted: {@code job.failed}, {@code orchestrator.cycle_completed},
 *     {@code orchestrator.action_executed}, {@code admin.cancel}...
 * @param source who wrote it: {@code engine}, {@code loop}, {@code api}, {@code app}...
 * @param jobId the job it is about, or null
 * @param details the rest, as JSON-like values (maps, lists, strings, numbers, booleans, null)
 */
public record LedgerEntry(
    long seq,
    Instant at,
    String type,
    String source,
    Severity severity,
    @Nullable String jobId,
    Map<String, @Nullable Object> details) {

  public LedgerEntry {
    Objects.requireNonNull(at, "at");
    if (type.isBlank() || source.isBlank()) {
      throw new IllegalArgumentException("a ledger entry needs a type and a source");
    }
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** A new entry, not yet appended. */
  public static LedgerEntry of(
      Instant at,
      String type,
      String source,
      Severity severity,
      @Nullable String jobId,
      Map<String, ? extends @Nullable Object> details) {
    return new LedgerEntry(0, at, type, source, severity, jobId, new LinkedHashMap<>(details));
  }

  /** The same entry as stored at {@code seq}. */
  public LedgerEntry withSeq(long seq) {
    return new LedgerEntry(seq, at, type, source, severity, jobId, details);
  }

  /**
   * The entry of a job transition: type {@code job.<new status>}, a warning when the job failed or
   * was quarantined.
   */
  public static LedgerEntry ofTransition(JobTransition t, String blueprint) {
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("blueprint", blueprint);
    details.put("from_state", t.fromState());
    details.put("to_state", t.toState());
    JobStatus from = t.fromStatus();
    details.put("from_status", from == null ? null : from.wireName());
    details.put("to_status", t.toStatus().wireName());
    details.put("reason", t.reason());
    Severity severity =
        t.toStatus() == JobStatus.FAILED || t.toStatus() == JobStatus.QUARANTINED
            ? Severity.WARNING
            : Severity.INFO;
    return new LedgerEntry(
        0, t.at(), "job." + t.toStatus().wireName(), "engine", severity, t.jobId(), details);
  }

  /** The transition this entry records, if it is one ({@link #ofTransition}'s entry read back). */
  public Optional<JobTransition> transition() {
    if (jobId == null
        || !"engine".equals(source)
        || !(details.get("to_status") instanceof String to)
        || !type.equals("job." + to)
        || !(details.get("to_state") instanceof String toState)
        || !(details.get("reason") instanceof String reason)) {
      return Optional.empty();
    }
    String from = details.get("from_status") instanceof String f ? f : null;
    return Optional.of(
        new JobTransition(
            jobId,
            at,
            details.get("from_state") instanceof String s ? s : null,
            toState,
            from == null ? null : JobStatus.fromWire(from),
            JobStatus.fromWire(to),
            reason));
  }
}
