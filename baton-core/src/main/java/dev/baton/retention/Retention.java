package dev.baton.retention;

import dev.baton.cluster.Leadership;
import dev.baton.duty.Duty;
import dev.baton.job.Job;
import dev.baton.job.JobTransition;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import dev.baton.store.Change;
import dev.baton.store.JobStore;
import dev.baton.store.RetentionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the counts of quota windows that have passed (a per-type dispatch rate writes one per
 * window) and, when {@code keep} is set, what is older than it: jobs that ended (finished, failed,
 * cancelled) with all their rows, then ledger entries. Only the node that leads {@link #DUTY} does
 * it.
 *
 * <p>Small batches ({@link #BATCH} windows, jobs or entries, each one short write), so the store's
 * other writes go on between them; a full batch is followed at once by the next, an incomplete one
 * ends the pass until the next {@code every}. Each pass that removed jobs or entries is recorded in
 * the ledger as {@code admin.retention_pruned}; windows alone are housekeeping, only logged.
 *
 * <p>Under failure: an export that fails stops the batch before anything is deleted (logged; the
 * next round tries again). A job resumed after it was read is kept (its version changed). Deleting
 * is idempotent, so a node that lost the lead in the middle of a batch does no harm by finishing
 * it.
 */
public final class Retention implements AutoCloseable {
  /** The duty a node must lead to prune. */
  public static final String DUTY = "retention";

  static final int BATCH = 500;
  private static final Logger log = LoggerFactory.getLogger(Retention.class);

  private final RetentionStore store;
  private final JobStore jobs;
  private final Ledger ledger;
  private final Leadership leadership;
  private final Clock clock;
  private final @Nullable Duration keep;
  private final @Nullable Export export;
  private final Duration every;
  private long prunedJobs;
  private long prunedEntries;
  private long prunedWindows;
  private @Nullable Duty duty;

  /**
   * A retention not yet running: {@link #round} by hand (tests), or {@link #start}.
   *
   * @param keep how long ended jobs and ledger entries stay; null: for ever (quota windows that
   *     passed still go)
   */
  public Retention(
      RetentionStore store,
      JobStore jobs,
      Ledger ledger,
      Leadership leadership,
      Clock clock,
      @Nullable Duration keep,
      @Nullable Export export,
      Duration every) {
    if (keep != null && !keep.isPositive()) {
      throw new IllegalArgumentException("retention must keep a positive time, was " + keep);
    }
    this.store = store;
    this.jobs = jobs;
    this.ledger = ledger;
    this.leadership = leadership;
    this.clock = clock;
    this.keep = keep;
    this.export = export;
    this.every = every;
  }

  /** Runs rounds on a background thread: at once, then every {@code every} (sooner with more). */
  public Retention start() {
    duty = Duty.virtual("baton-retention", every, this::round);
    return this;
  }

  /**
   * One batch of each, if this node leads: quota windows that passed; jobs, then, once no job is
   * left, ledger entries.
   *
   * @return how long to wait: zero while batches come back full
   */
  public Duration round() {
    if (!leadership.leads(DUTY)) {
      return every;
    }
    Instant now = clock.instant();
    int windows = store.forgetQuotaWindows(now, BATCH);
    prunedWindows += windows;
    int forgotten = 0;
    @Nullable Instant cutoff = keep == null ? null : now.minus(keep);
    if (cutoff != null) {
      forgotten = jobsBefore(cutoff);
      if (forgotten == 0) {
        forgotten = (int) entriesBefore(cutoff);
      }
    }
    if (forgotten >= BATCH || windows >= BATCH) {
      return Duration.ZERO;
    }
    record(cutoff);
    return every;
  }

  private int jobsBefore(Instant cutoff) {
    List<Job> ended = store.endedBefore(cutoff, BATCH);
    if (ended.isEmpty()) {
      return 0;
    }
    if (export != null) {
      Map<String, List<JobTransition>> history = new LinkedHashMap<>();
      ended.forEach(j -> history.put(j.id(), jobs.transitions(j.id())));
      export.jobs(ended, history);
    }
    int n = store.forgetJobs(ended);
    prunedJobs += n;
    // A batch of jobs all resumed since they were read would look like "nothing left": count
    // what was read, so the next batch follows at once.
    return ended.size();
  }

  private long entriesBefore(Instant cutoff) {
    List<LedgerEntry> old = ledger.read(LedgerQuery.oldest(BATCH).between(null, cutoff)).entries();
    if (old.isEmpty()) {
      return 0;
    }
    if (export != null) {
      export.ledger(old);
    }
    long n = store.forgetLedger(cutoff, old.get(old.size() - 1).seq());
    prunedEntries += n;
    return old.size();
  }

  /** The ledger entry of a pass that removed jobs or entries, as the leader. */
  private void record(@Nullable Instant cutoff) {
    if (prunedWindows > 0) {
      log.debug("retention removed {} quota window(s) that had passed", prunedWindows);
    }
    if (cutoff == null || (prunedJobs == 0 && prunedEntries == 0)) {
      prunedWindows = 0;
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("cutoff", cutoff.toString());
    details.put("jobs", prunedJobs);
    details.put("ledger_entries", prunedEntries);
    details.put("quota_windows", prunedWindows);
    if (export != null) {
      details.put("exported_to", export.describe());
    }
    LedgerEntry entry =
        LedgerEntry.of(
            clock.instant(), "admin.retention_pruned", "retention", Severity.INFO, null, details);
    if (leadership.commit(DUTY, Change.builder().ledger(entry))) {
      log.info(
          "retention removed {} job(s) and {} ledger entries older than {}",
          prunedJobs,
          prunedEntries,
          cutoff);
    }
    prunedJobs = 0;
    prunedEntries = 0;
    prunedWindows = 0;
  }

  @Override
  public void close() {
    Duty d = duty;
    if (d != null) {
      d.close();
    }
  }
}
