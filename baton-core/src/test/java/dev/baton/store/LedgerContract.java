package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store's ledger must do. Subclass it per store; each test gets a fresh, empty store.
 */
public abstract class LedgerContract {
  protected static final Instant T0 = StoreFixtures.T0;

  protected Store store;
  protected Ledger ledger;

  /** A new, empty store. */
  protected abstract Store newStore();

  /** The ledger the store keeps. */
  protected abstract Ledger ledgerOf(Store store);

  @BeforeEach
  void open() {
    store = newStore();
    ledger = ledgerOf(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anAppendedEntryComesBackEqualWithItsNumber() {
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("rule", "quarantine_stuck_jobs");
    details.put("priority", 8L);
    details.put("score", 72.5);
    details.put("nothing", null);
    details.put("reads", Map.of("jobs.stuck", 3L));
    details.put("ids", List.of("a", "b"));
    LedgerEntry e =
        ledger.append(
            LedgerEntry.of(
                T0,
                "orchestrator.action_executed",
                "orchestrator",
                Severity.INFO,
                "job-1",
                details));
    assertThat(e.seq()).isPositive();
    assertThat(ledger.read(LedgerQuery.newest(10)).entries()).containsExactly(e);
    assertThat(ledger.read(LedgerQuery.newest(10)).next()).isNull();
  }

  @Test
  void numbersGrowInAppendOrder() {
    long previous = 0;
    for (int i = 0; i < 5; i++) {
      long seq = append(i, "t", "s", Severity.INFO, null).seq();
      assertThat(seq).isGreaterThan(previous);
      previous = seq;
    }
  }

  @Test
  void pagesWalkTheWholeLedgerInBothOrdersWithoutGapsOrRepeats() {
    List<Long> appended = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      appended.add(append(i, "t", "s", Severity.INFO, null).seq());
    }
    assertThat(walk(LedgerQuery.oldest(10))).containsExactlyElementsOf(appended);
    assertThat(walk(LedgerQuery.newest(10))).containsExactlyElementsOf(appended.reversed());
    assertThat(walk(LedgerQuery.oldest(25))).hasSize(25);
    assertThat(ledger.read(LedgerQuery.oldest(25)).next()).isNull();
  }

  @Test
  void aPageSeesEntriesAppendedAfterItsCursorWasGiven() {
    append(0, "t", "s", Severity.INFO, null);
    LedgerPage first = ledger.read(LedgerQuery.oldest(1));
    append(1, "t", "s", Severity.INFO, null);
    Long next = first.next();
    assertThat(next).isNull(); // the page was the last when it was read
    long cursor = first.entries().getLast().seq();
    assertThat(ledger.read(LedgerQuery.oldest(10).after(cursor)).entries()).hasSize(1);
  }

  @Test
  void filtersByTypeSourceJobSeverityAndTime() {
    append(0, "job.failed", "engine", Severity.WARNING, "j1");
    append(1, "job.finished", "engine", Severity.INFO, "j2");
    append(2, "orchestrator.cycle_completed", "orchestrator", Severity.INFO, null);
    append(3, "orchestrator.action_failed", "orchestrator", Severity.ERROR, "j1");
    append(4, "jobx_failed", "engine", Severity.INFO, null); // '_' must not act as a wildcard
    assertThat(types(LedgerQuery.oldest(10).type("job.failed"))).containsExactly("job.failed");
    assertThat(types(LedgerQuery.oldest(10).type("job.*")))
        .containsExactly("job.failed", "job.finished");
    assertThat(types(LedgerQuery.oldest(10).type("job_*"))).isEmpty();
    assertThat(types(LedgerQuery.oldest(10).source("orchestrator")))
        .containsExactly("orchestrator.cycle_completed", "orchestrator.action_failed");
    assertThat(types(LedgerQuery.oldest(10).jobId("j1")))
        .containsExactly("job.failed", "orchestrator.action_failed");
    assertThat(types(LedgerQuery.oldest(10).severity(Severity.ERROR)))
        .containsExactly("orchestrator.action_failed");
    // since is inclusive, until exclusive
    assertThat(types(LedgerQuery.oldest(10).between(at(1), at(3))))
        .containsExactly("job.finished", "orchestrator.cycle_completed");
    assertThat(types(LedgerQuery.newest(10).type("job.*").jobId("j1")))
        .containsExactly("job.failed");
  }

  @Test
  void countsWhatMatchesIgnoringCursorAndLimit() {
    for (int i = 0; i < 7; i++) {
      append(
          i, i % 2 == 0 ? "orchestrator.action_failed" : "job.running", "x", Severity.INFO, null);
    }
    assertThat(ledger.count(LedgerQuery.newest(1))).isEqualTo(7);
    assertThat(ledger.count(LedgerQuery.newest(1).type("orchestrator.*").after(3))).isEqualTo(4);
    assertThat(ledger.count(LedgerQuery.newest(1).between(at(5), null))).isEqualTo(2);
  }

  @Test
  void aCommittedTransitionIsInTheLedgerAndARefusedChangeLeavesNothing() {
    JobTransition t =
        new JobTransition("j", T0, "start", "end", JobStatus.RUNNING, JobStatus.FAILED, "boom");
    assertThat(
            store.commit(
                Change.builder().insertJob(StoreFixtures.job("j")).transition(t, "bp").build()))
        .isTrue();
    // The same insert again fails its guard: neither the transition nor its entry is kept.
    assertThat(
            store.commit(
                Change.builder().insertJob(StoreFixtures.job("j")).transition(t, "bp").build()))
        .isFalse();
    List<LedgerEntry> entries = ledger.read(LedgerQuery.oldest(10)).entries();
    assertThat(entries).hasSize(1);
    LedgerEntry stored = entries.getFirst();
    assertThat(stored.type()).isEqualTo("job.failed");
    assertThat(stored.severity()).isEqualTo(Severity.WARNING);
    assertThat(stored.jobId()).isEqualTo("j");
    assertThat(stored.details())
        .containsEntry("blueprint", "bp")
        .containsEntry("from_status", "running")
        .containsEntry("to_state", "end")
        .containsEntry("reason", "boom");
  }

  @Test
  void concurrentAppendsAllLandWithDistinctNumbers() throws Exception {
    Set<Long> seqs = ConcurrentHashMap.newKeySet();
    StoreFixtures.race(
        8,
        racer -> {
          for (int i = 0; i < 25; i++) {
            seqs.add(append(i, "race", "r" + racer, Severity.INFO, null).seq());
          }
        });
    assertThat(seqs).hasSize(200);
    assertThat(ledger.count(LedgerQuery.newest(1).type("race"))).isEqualTo(200);
  }

  @Test
  void aBadQueryIsRefusedWithTheReason() {
    assertThatThrownBy(() -> LedgerQuery.newest(0)).hasMessageContaining("limit");
    assertThatThrownBy(() -> LedgerQuery.newest(10).type("jo*b"))
        .hasMessageContaining("'*' may only end a prefix");
  }

  // ---- fixtures ---------------------------------------------------------------------------

  protected LedgerEntry append(
      int minute, String type, String source, Severity severity, @Nullable String jobId) {
    return ledger.append(
        LedgerEntry.of(at(minute), type, source, severity, jobId, Map.of("n", (long) minute)));
  }

  protected static Instant at(int minute) {
    return T0.plusSeconds(60L * minute);
  }

  private List<Long> walk(LedgerQuery query) {
    List<Long> seen = new ArrayList<>();
    LedgerQuery q = query;
    while (true) {
      LedgerPage page = ledger.read(q);
      page.entries().forEach(e -> seen.add(e.seq()));
      Long next = page.next();
      if (next == null) {
        return seen;
      }
      q = q.after(next);
    }
  }

  private List<String> types(LedgerQuery q) {
    return ledger.read(q).entries().stream().map(LedgerEntry::type).toList();
  }
}
