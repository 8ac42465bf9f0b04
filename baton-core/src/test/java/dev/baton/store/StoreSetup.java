package dev.baton.store;

import static dev.baton.store.StoreFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;

/** How a contract writes what it needs before it checks a port: through the commit port. */
public interface StoreSetup {
  Commits commits();

  default boolean commit(Change.Builder change) {
    return commits().commit(change.build());
  }

  default void insertJob(Job job) {
    assertThat(commit(Change.builder().insertJob(job))).isTrue();
  }
}
