package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobStatus;
import dev.baton.store.Change;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestPostgresTest {
  @Test
  void eachDatabaseAndSchemaStartsEmpty() {
    Instant t = Instant.parse("2030-01-01T00:00:00Z");
    Job job =
        new Job(
            "j",
            "bp",
            1,
            "start",
            JobStatus.PENDING,
            Map.of(),
            Map.of(),
            0,
            0,
            t,
            t,
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            JobAttributes.NONE,
            1,
            null);
    for (TestPostgres.Database place :
        new TestPostgres.Database[] {TestPostgres.newDatabase(), TestPostgres.newSchema()}) {
      try (JdbcStore store = place.openStore()) {
        assertThat(store.countJobs()).isEmpty();
        assertThat(store.commit(Change.builder().insertJob(job).build())).isTrue();
      }
    }
  }
}
