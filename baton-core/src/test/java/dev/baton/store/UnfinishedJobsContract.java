package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.job;
import static dev.baton.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What a compatibility check and a migration read from every {@link JobStore}: the unfinished jobs
 * of one blueprint version, counted by state and paged by id; and the narrowed task guard a
 * migration cancels a queued task with.
 */
public interface UnfinishedJobsContract extends StoreSetup {
  JobStore jobStore();

  private static Job at(String id, String blueprint, int version, String state, JobStatus status) {
    return job(id, blueprint, status, T0).toBuilder()
        .state(state)
        .blueprintVersion(version)
        .build();
  }

  private void fill() {
    insertJob(at("a1", "order", 1, "charge", JobStatus.WAITING_FOR_WORKER));
    insertJob(at("a2", "order", 1, "charge", JobStatus.AWAITING_RETRY));
    insertJob(at("a3", "order", 1, "review", JobStatus.WAITING_FOR_HUMAN));
    insertJob(at("a4", "order", 1, "charge", JobStatus.FINISHED));
    insertJob(at("a5", "order", 1, "review", JobStatus.CANCELLED));
    insertJob(at("b1", "order", 2, "charge", JobStatus.WAITING_FOR_WORKER));
    insertJob(at("c1", "refund", 1, "charge", JobStatus.WAITING_FOR_WORKER));
  }

  @Test
  default void unfinishedJobsOfOneBlueprintVersionAreCountedByState() {
    fill();
    assertThat(jobStore().countUnfinished("order", 1))
        .containsExactly(Map.entry("charge", 2L), Map.entry("review", 1L));
    assertThat(jobStore().countUnfinished("order", 2)).containsExactly(Map.entry("charge", 1L));
    assertThat(jobStore().countUnfinished("order", 3)).isEmpty();
    assertThat(jobStore().countUnfinished("nothing", 1)).isEmpty();
  }

  @Test
  default void unfinishedJobsArePagedByIdLeavingOutEndedJobsAndOtherVersions() {
    fill();
    for (int i = 0; i < 5; i++) {
      insertJob(at("a9-" + i, "order", 1, "charge", JobStatus.WAITING_FOR_WORKER));
    }
    List<String> seen = new ArrayList<>();
    @Nullable String after = null;
    for (List<Job> page; !(page = jobStore().unfinishedJobs("order", 1, after, 3)).isEmpty(); ) {
      assertThat(page).hasSizeLessThanOrEqualTo(3);
      page.forEach(j -> seen.add(j.id()));
      after = page.get(page.size() - 1).id();
    }
    assertThat(seen).containsExactly("a1", "a2", "a3", "a9-0", "a9-1", "a9-2", "a9-3", "a9-4");
    Job first = jobStore().unfinishedJobs("order", 1, null, 1).get(0);
    assertThat(first).isEqualTo(jobStore().job("a1").orElseThrow());
  }

  @Test
  default void aTaskMoveGuardedOnQueuedFailsOnceAWorkerHoldsTheTask() {
    insertJob(job("j"));
    Task t = task("t", "j", "x", 1, T0, T0);
    assertThat(commit(Change.builder().insertTask(t))).isTrue();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.LEASED))).isTrue();
    Change.MoveTask guarded =
        new Change.MoveTask("t", TaskStatus.CANCELLED, Set.of(TaskStatus.QUEUED));
    assertThat(commit(Change.builder().add(guarded))).isFalse();
    assertThat(jobStore().task("t").orElseThrow().status()).isEqualTo(TaskStatus.LEASED);
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.CANCELLED))).isTrue();
  }
}
