package dev.baton.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.cluster.Leadership;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import dev.baton.store.Change;
import dev.baton.store.InMemoryStore;
import dev.baton.store.StoreFixtures;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retention on a real store: what it removes, what it keeps, what it exports, who does it. */
class RetentionTest {
  static final Duration KEEP = Duration.ofDays(30);
  static final Instant T0 = StoreFixtures.T0;

  final ManualClock clock = new ManualClock(T0);
  final InMemoryStore store = new InMemoryStore();
  final List<String> exported = new ArrayList<>();
  final Export export =
      new Export() {
        @Override
        public void jobs(List<Job> jobs, Map<String, List<JobTransition>> history) {
          jobs.forEach(j -> exported.add("job " + j.id() + " " + history.get(j.id()).size()));
        }

        @Override
        public void ledger(List<LedgerEntry> entries) {
          entries.forEach(e -> exported.add("entry " + e.type()));
        }

        @Override
        public String describe() {
          return "memory";
        }
      };
  final Leadership leader = lead("a");
  final List<Leadership> others = new ArrayList<>();

  Leadership lead(String node) {
    // The background renewal runs on real time every third of the lease. A lease of hours keeps it
    // from running during a test: one that read the clock before an advance and stored its lease
    // after the test's own renewal left the leader with a lapsed lease, and a round did nothing.
    return Leadership.start(
        store, store, clock, node, "1", Duration.ofHours(6), Set.of(Retention.DUTY));
  }

  @AfterEach
  void stop() {
    leader.close();
    others.forEach(Leadership::close);
  }

  void job(String id, JobStatus status, Instant at) {
    Job j = StoreFixtures.job(id, "bp", status, at);
    assertThat(
            store.commit(
                Change.builder()
                    .insertJob(j)
                    .transition(StoreFixtures.transition(id, "done"))
                    .build()))
        .isTrue();
  }

  void entry(String type, Instant at) {
    store.ledger().append(LedgerEntry.of(at, type, "test", Severity.INFO, null, Map.of()));
  }

  Retention retention(Leadership l) {
    return new Retention(
        store, store, store.ledger(), l, clock, KEEP, export, Duration.ofMinutes(10));
  }

  @Test
  void oldEndedJobsAndOldEntriesGoExportedFirstTheRestStays() {
    job("old-finished", JobStatus.FINISHED, T0);
    job("old-failed", JobStatus.FAILED, T0);
    job("old-quarantined", JobStatus.QUARANTINED, T0);
    job("old-running", JobStatus.RUNNING, T0);
    entry("old.entry", T0);
    clock.advance(KEEP.plusDays(1));
    leader.renew(); // the background renewal runs on real time, not on this clock
    job("new-finished", JobStatus.FINISHED, clock.instant());
    entry("new.entry", clock.instant());

    Retention r = retention(leader);
    assertThat(r.round()).as("jobs, then the ledger next round").isEqualTo(Duration.ofMinutes(10));
    assertThat(store.job("old-finished")).isEmpty();
    assertThat(store.job("old-failed")).isEmpty();
    assertThat(store.transitions("old-failed")).isEmpty();
    assertThat(store.job("old-quarantined")).as("waits for an operator").isPresent();
    assertThat(store.job("old-running")).isPresent();
    assertThat(store.job("new-finished")).isPresent();
    assertThat(r.round()).isEqualTo(Duration.ofMinutes(10));

    // Each job's transition is its ledger entry too (at T0 in these fixtures, so old).
    String transition = "entry job.running";
    assertThat(exported.stream().filter(e -> !e.equals(transition)))
        .containsExactlyInAnyOrder("job old-finished 1", "job old-failed 1", "entry old.entry");
    assertThat(exported.stream().filter(transition::equals)).hasSize(5);
    List<String> types =
        store.ledger().read(LedgerQuery.oldest(10)).entries().stream()
            .map(LedgerEntry::type)
            .toList();
    assertThat(types).doesNotContain("old.entry").contains("new.entry", "admin.retention_pruned");
  }

  @Test
  void onlyTheLeaderPrunes() {
    job("old", JobStatus.FINISHED, T0);
    clock.advance(KEEP.plusDays(1));
    leader.renew(); // the background renewal runs on real time, not on this clock
    Leadership b = lead("b");
    others.add(b);
    retention(b).round();
    assertThat(store.job("old")).as("b does not lead retention").isPresent();
    retention(leader).round();
    assertThat(store.job("old")).isEmpty();
  }

  @Test
  void aFailingExportDeletesNothing() {
    job("old", JobStatus.FINISHED, T0);
    clock.advance(KEEP.plusDays(1));
    leader.renew(); // the background renewal runs on real time, not on this clock
    Export broken =
        new Export() {
          @Override
          public void jobs(List<Job> jobs, Map<String, List<JobTransition>> history) {
            throw new IllegalStateException("disk full");
          }

          @Override
          public void ledger(List<LedgerEntry> entries) {}

          @Override
          public String describe() {
            return "broken";
          }
        };
    Retention r =
        new Retention(
            store, store, store.ledger(), leader, clock, KEEP, broken, Duration.ofMinutes(1));
    assertThatThrownBy(r::round).hasMessageContaining("disk full");
    assertThat(store.job("old")).isPresent();
  }

  @Test
  void quotaWindowsThatPassedGoEvenWhenEveryJobIsKeptAndABacklogGoesInBatches() {
    for (int w = 0; w <= Retention.BATCH; w++) { // BATCH + 1 windows of 1 s that have passed
      store.consumeQuota("type-rate:a", Long.toString(w), 5, 1, T0.plusSeconds(w + 1));
    }
    job("old", JobStatus.FINISHED, T0);
    clock.advance(Duration.ofSeconds(Retention.BATCH + 1).plusMillis(500));
    leader.renew(); // the background renewal runs on real time, not on this clock
    Instant current = clock.instant().plusMillis(500);
    store.consumeQuota("type-rate:a", "now", 5, 1, current);

    Retention r =
        new Retention(
            store, store, store.ledger(), leader, clock, null, null, Duration.ofMinutes(10));
    assertThat(r.round()).as("a full batch: the next at once").isEqualTo(Duration.ZERO);
    assertThat(r.round()).isEqualTo(Duration.ofMinutes(10));
    assertThat(store.forgetQuotaWindows(clock.instant(), 10)).as("none left").isZero();
    assertThat(store.consumeQuota("type-rate:a", "now", 5, 1, current))
        .as("the current window's count stays")
        .isEqualTo(3);
    assertThat(store.job("old")).as("no keep: jobs stay").isPresent();
    assertThat(store.ledger().read(LedgerQuery.oldest(10)).entries())
        .as("windows alone are not recorded")
        .noneMatch(e -> e.type().equals("admin.retention_pruned"));
  }

  @Test
  void onlyTheLeaderPrunesQuotaWindows() {
    store.consumeQuota("type-rate:a", "0", 5, 1, T0.plusSeconds(1));
    clock.advance(Duration.ofSeconds(2));
    leader.renew();
    Leadership b = lead("b");
    others.add(b);
    new Retention(store, store, store.ledger(), b, clock, null, null, Duration.ofMinutes(1))
        .round();
    assertThat(store.consumeQuota("type-rate:a", "0", 5, 1, T0.plusSeconds(1))).isEqualTo(3);
    retention(leader).round();
    assertThat(store.consumeQuota("type-rate:a", "0", 5, 1, T0.plusSeconds(1))).isEqualTo(4);
  }
}
