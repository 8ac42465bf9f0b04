package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.MigrationContract;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.Page;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} must do: every port's contract, on one store. Subclass it per store;
 * each test gets a fresh, empty store. A store that implements only some ports runs only their
 * contracts ({@link CommitContract}, {@link JobStoreContract}, ...).
 */
public abstract class StoreContract
    implements CommitContract,
        JobStoreContract,
        WorkerStoreContract,
        NoticeStoreContract,
        QuotaStoreContract,
        CounterStoreContract,
        ScheduleStoreContract,
        ClusterStoreContract,
        RetentionStoreContract,
        CalendarStoreContract,
        SeriesStoreContract,
        UnfinishedJobsContract,
        MigrationContract {
  protected static final Instant T0 = StoreFixtures.T0;

  protected Store store;

  /** A new, empty store. */
  protected abstract Store newStore();

  @Override
  public Store store() {
    return store;
  }

  @Override
  public Commits commits() {
    return store;
  }

  @Override
  public RetentionStore retentionStore() {
    return store;
  }

  @Override
  public dev.baton.ledger.Ledger retentionLedger() {
    return ledgerOf(store);
  }

  /** The ledger kept in the same database as the store. */
  protected abstract dev.baton.ledger.Ledger ledgerOf(Store store);

  @Override
  public ClusterStore clusterStore() {
    return store;
  }

  @Override
  public JobStore jobStore() {
    return store;
  }

  @Override
  public WorkerStore workerStore() {
    return store;
  }

  @Override
  public NoticeStore noticeStore() {
    return store;
  }

  @Override
  public QuotaStore quotaStore() {
    return store;
  }

  @Override
  public CounterStore counterStore() {
    return store;
  }

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Spans the ports: a new store has nothing in any of them. */
  @Test
  void missingThingsAreEmpty() {
    assertThat(store.job("nope")).isEmpty();
    assertThat(store.task("nope")).isEmpty();
    assertThat(store.tasksOf("nope")).isEmpty();
    assertThat(store.transitions("nope")).isEmpty();
    assertThat(store.worker("nope")).isEmpty();
    assertThat(store.workers()).isEmpty();
    assertThat(store.countJobs()).isEmpty();
    assertThat(store.jobs(JobQuery.all(10, 0))).isEqualTo(new Page<Job>(List.of(), 0));
  }
}
