package dev.baton.robot;

import static dev.baton.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link JobLogStore} must do. */
public interface JobLogStoreContract {
  JobLogStore jobLogStore();

  @Test
  default void logsComeBackInOrderWithOffsets() {
    jobLogStore()
        .appendLogs(
            List.of(log("j1", 0, "start"), log("j2", 1, "other"), log("j1", 2, "middle ✓")));
    jobLogStore().appendLogs(List.of(log("j1", 3, "end")));
    assertThat(jobLogStore().logs("j1", 0, 10))
        .extracting(JobLog::message)
        .containsExactly("start", "middle ✓", "end");
    assertThat(jobLogStore().logs("j1", 1, 1))
        .extracting(JobLog::message)
        .containsExactly("middle ✓");
    JobLog first = jobLogStore().logs("j1", 0, 1).get(0);
    assertThat(first).isEqualTo(log("j1", 0, "start"));
  }

  @Test
  default void theNewestLinesComeBackOldestFirst() {
    jobLogStore()
        .appendLogs(List.of(log("j1", 0, "start"), log("j2", 1, "other"), log("j1", 2, "middle")));
    jobLogStore().appendLogs(List.of(log("j1", 3, "end"), log("j2", 4, "other again")));
    assertThat(jobLogStore().newestLogs("j1", 2))
        .extracting(JobLog::message)
        .containsExactly("middle", "end");
    assertThat(jobLogStore().newestLogs("j1", 10))
        .containsExactly(log("j1", 0, "start"), log("j1", 2, "middle"), log("j1", 3, "end"));
    assertThat(jobLogStore().newestLogs("nobody", 10)).isEmpty();
  }

  private static JobLog log(String jobId, int second, String message) {
    return new JobLog(
        jobId, "r1", T0.plusSeconds(second), "INFO", message, "node-" + second, Map.of("k", "v"));
  }
}
