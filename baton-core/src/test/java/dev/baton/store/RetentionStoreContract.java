package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.job;
import static dev.baton.store.StoreFixtures.notice;
import static dev.baton.store.StoreFixtures.task;
import static dev.baton.store.StoreFixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RetentionStore} must do: it finds only jobs that ended before the cutoff (never
 * a quarantined or a running one), deletes them with their tasks, history and notices unless they
 * changed since they were read, deletes ledger entries only before its horizon, and deletes the
 * counts of quota windows that have passed, a batch at a time, keeping the current window's and a
 * quota's without an end.
 */
public interface RetentionStoreContract {
  RetentionStore retentionStore();

  Commits commits();

  JobStore jobStore();

  NoticeStore noticeStore();

  Ledger retentionLedger();

  QuotaStore quotaStore();

  @Test
  default void quotaWindowsThatPassedGoABatchAtATimeTheCurrentOneAndUnendedOnesStay() {
    QuotaStore q = quotaStore();
    Instant now = T0.plusSeconds(100);
    for (int w = 0; w < 5; w++) { // windows of 10 s that ended at T0 + 10 s ... T0 + 50 s
      q.consumeQuota("type-rate:a", Long.toString(w), 10, 1, T0.plusSeconds(10L * (w + 1)));
    }
    q.consumeQuota("type-rate:a", "ends-now", 10, 1, now);
    q.consumeQuota("type-rate:a", "current", 10, 1, now.plusSeconds(5));
    q.consumeQuota("client:c", "2030-01", 10, 1); // a month's quota: no end

    assertThat(retentionStore().forgetQuotaWindows(now, 4))
        .as("the 4 that ended first")
        .isEqualTo(4);
    assertThat(q.consumeQuota("type-rate:a", "4", 10, 1, T0.plusSeconds(50)))
        .as("the fifth is still counted")
        .isEqualTo(8);
    assertThat(retentionStore().forgetQuotaWindows(now, 4)).isEqualTo(2);
    assertThat(retentionStore().forgetQuotaWindows(now, 4)).isZero();

    assertThat(q.consumeQuota("type-rate:a", "current", 10, 1, now.plusSeconds(5)))
        .as("the current window keeps its count")
        .isEqualTo(8);
    assertThat(q.consumeQuota("client:c", "2030-01", 10)).as("no end: kept").isEqualTo(8);
    assertThat(q.consumeQuota("type-rate:a", "0", 10, 1, T0.plusSeconds(10)))
        .as("a window that passed is gone: a late use counts from zero")
        .isEqualTo(9);
  }

  private static Job ended(String id, JobStatus status, Instant at) {
    return job(id, "bp", status, at);
  }

  private void store(Job j) {
    assertThat(
            commits()
                .commit(
                    Change.builder()
                        .insertJob(j)
                        .insertTask(task(j.id() + "-t", j.id(), "x", 0, T0, T0))
                        .transition(transition(j.id(), "done"))
                        .notice(notice(j.id() + "-n", j.id(), T0))
                        .build()))
        .isTrue();
  }

  @Test
  default void onlyJobsThatEndedBeforeTheCutoffAreFoundOldestFirst() {
    store(ended("f2", JobStatus.FINISHED, T0.plusSeconds(2)));
    store(ended("f1", JobStatus.FAILED, T0.plusSeconds(1)));
    store(ended("c", JobStatus.CANCELLED, T0.plusSeconds(3)));
    store(ended("q", JobStatus.QUARANTINED, T0));
    store(ended("r", JobStatus.RUNNING, T0));
    store(ended("late", JobStatus.FINISHED, T0.plusSeconds(10)));
    assertThat(retentionStore().endedBefore(T0.plusSeconds(5), 10))
        .extracting(Job::id)
        .containsExactly("f1", "f2", "c");
    assertThat(retentionStore().endedBefore(T0.plusSeconds(5), 2))
        .extracting(Job::id)
        .containsExactly("f1", "f2");
  }

  @Test
  default void forgettingAJobDeletesEverythingOfItAndNothingElse() {
    store(ended("old", JobStatus.FINISHED, T0));
    store(ended("kept", JobStatus.FINISHED, T0));
    List<Job> found = retentionStore().endedBefore(T0.plusSeconds(1), 1);
    assertThat(retentionStore().forgetJobs(found)).isEqualTo(1);
    String gone = found.get(0).id();
    assertThat(jobStore().job(gone)).isEmpty();
    assertThat(jobStore().tasksOf(gone)).isEmpty();
    assertThat(jobStore().transitions(gone)).isEmpty();
    assertThat(noticeStore().noticesOf(gone)).isEmpty();
    String other = gone.equals("old") ? "kept" : "old";
    assertThat(jobStore().job(other)).isPresent();
    assertThat(jobStore().tasksOf(other)).hasSize(1);
    assertThat(jobStore().transitions(other)).hasSize(1);
    assertThat(noticeStore().noticesOf(other)).hasSize(1);
  }

  @Test
  default void aJobChangedSinceItWasReadIsKept() {
    store(ended("resumed", JobStatus.FAILED, T0));
    List<Job> found = retentionStore().endedBefore(T0.plusSeconds(1), 10);
    Job resumed =
        StoreFixtures.withVersion(found.get(0).toBuilder().updatedAt(T0.plusSeconds(5)).build(), 1);
    Job next = StoreFixtures.withVersion(resumed, 2);
    assertThat(commits().commit(Change.builder().updateJob(next).build())).isTrue();
    assertThat(retentionStore().forgetJobs(found)).isZero();
    assertThat(jobStore().job("resumed")).isPresent();
    assertThat(retentionStore().forgetJobs(List.of())).isZero();
  }

  @Test
  default void theLedgerForgetsOnlyEntriesBeforeItsHorizon() {
    LedgerEntry[] e = new LedgerEntry[4];
    for (int i = 0; i < 4; i++) {
      e[i] =
          retentionLedger()
              .append(
                  LedgerEntry.of(
                      T0.plusSeconds(i * 10L), "t" + i, "test", Severity.INFO, null, Map.of()));
    }
    assertThat(retentionStore().forgetLedger(T0.plusSeconds(15), e[0].seq())).isEqualTo(1);
    assertThat(retentionStore().forgetLedger(T0.plusSeconds(15), Long.MAX_VALUE)).isEqualTo(1);
    assertThat(retentionStore().forgetLedger(T0.plusSeconds(5), Long.MAX_VALUE))
        .as("an earlier cutoff deletes nothing more")
        .isZero();
    assertThat(retentionLedger().read(LedgerQuery.oldest(10)).entries())
        .extracting(LedgerEntry::type)
        .containsExactly("t2", "t3");
    LedgerEntry after =
        retentionLedger().append(LedgerEntry.of(T0, "late", "test", Severity.INFO, null, Map.of()));
    assertThat(after.seq()).as("seq keeps growing").isGreaterThan(e[3].seq());
  }
}
