package dev.baton.robot;

import static dev.baton.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.store.Change;
import dev.baton.store.JobStore;
import dev.baton.store.StoreSetup;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FleetQueue} must do, including the queue order the fleet relies on (priority,
 * then FIFO) and a chosen task claimed by one robot only.
 */
public interface FleetQueueContract extends StoreSetup {
  JobStore jobStore();

  FleetQueue fleetQueue();

  @Test
  default void theQueueIsHighestPriorityFirstThenOldest() {
    insertJob("j");
    Change.Builder c = Change.builder();
    c.insertTask(task("low-old", 0, T0));
    c.insertTask(task("crit", 3, T0.plusSeconds(5)));
    c.insertTask(task("normal-2", 1, T0.plusSeconds(2)));
    c.insertTask(task("normal-1", 1, T0.plusSeconds(1)));
    c.insertTask(task("high", 2, T0.plusSeconds(9)));
    c.insertTask(task("later", 3, T0.plusSeconds(60)));
    assertThat(commits().commit(c.build())).isTrue();
    assertThat(fleetQueue().queuedTasks(Set.of("rpa"), T0.plusSeconds(10), 10))
        .extracting(Task::id)
        .containsExactly("crit", "high", "normal-1", "normal-2", "low-old");
    assertThat(fleetQueue().queuedTasks(Set.of("rpa"), T0.plusSeconds(10), 2))
        .extracting(Task::id)
        .containsExactly("crit", "high");
    assertThat(fleetQueue().queuedTasks(Set.of("other"), T0.plusSeconds(10), 10)).isEmpty();
  }

  @Test
  default void aTaskIsClaimedOnceAndOnlyByItsAssignedWorker() {
    insertJob("j");
    Task pinned = new Task("p", "j", spec(1), 1, TaskStatus.QUEUED, "r2", null, T0, null, T0);
    assertThat(
            commits()
                .commit(Change.builder().insertTask(task("t", 1, T0)).insertTask(pinned).build()))
        .isTrue();
    Task got = fleetQueue().claimTask("t", "r1", T0.plusSeconds(30)).orElseThrow();
    assertThat(got.status()).isEqualTo(TaskStatus.LEASED);
    assertThat(got.workerId()).isEqualTo("r1");
    assertThat(fleetQueue().claimTask("t", "r2", T0.plusSeconds(30))).isEmpty();
    assertThat(fleetQueue().claimTask("p", "r1", T0.plusSeconds(30))).isEmpty();
    assertThat(fleetQueue().claimTask("p", "r2", T0.plusSeconds(30))).isPresent();
    assertThat(fleetQueue().queuedTasks(Set.of("rpa"), T0, 10)).isEmpty();
    assertThat(jobStore().task("t").orElseThrow().status()).isEqualTo(TaskStatus.LEASED);
  }

  @Test
  default void manyTasksAreClaimedAtOnceSkippingTakenOnes() {
    insertJob("j");
    assertThat(
            commits()
                .commit(
                    Change.builder()
                        .insertTask(task("a", 1, T0))
                        .insertTask(task("b", 1, T0))
                        .insertTask(task("c", 1, T0))
                        .build()))
        .isTrue();
    fleetQueue().claimTask("b", "r9", T0.plusSeconds(30));
    Map<String, String> claims = new java.util.LinkedHashMap<>();
    claims.put("a", "r1");
    claims.put("b", "r2");
    claims.put("c", "r2");
    claims.put("missing", "r2");
    List<Task> got = fleetQueue().claimTasks(claims, T0.plusSeconds(30));
    assertThat(got).extracting(Task::id).containsExactlyInAnyOrder("a", "c");
    assertThat(jobStore().task("c").orElseThrow().workerId()).isEqualTo("r2");
    assertThat(jobStore().task("b").orElseThrow().workerId()).isEqualTo("r9");
  }

  @Test
  default void chosenTasksAreClaimedWithinTheirTypesCaps() {
    insertJob("j");
    Change.Builder c = Change.builder();
    for (int i = 0; i < 4; i++) {
      c.insertTask(task("a" + i, 1, T0));
    }
    assertThat(commits().commit(c.build())).isTrue();
    fleetQueue().claimTask("a0", "r9", T0.plusSeconds(30)); // held elsewhere: counted
    Map<String, String> claims = new java.util.LinkedHashMap<>();
    claims.put("a1", "r1");
    claims.put("a2", "r1");
    claims.put("a3", "r2");
    String type = jobStore().task("a1").orElseThrow().type();
    List<Task> got = fleetQueue().claimTasks(claims, T0.plusSeconds(30), Map.of(type, 2));
    assertThat(got).extracting(Task::id).containsExactly("a1");
    assertThat(jobStore().task("a2").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(jobStore().task("a3").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(fleetQueue().claimTasks(Map.of("a2", "r1"), T0.plusSeconds(30), Map.of(type, 2)))
        .isEmpty();
  }

  @Test
  default void leasedTasksAreCountedPerType() {
    insertJob("j");
    Change.Builder c = Change.builder();
    for (int i = 0; i < 3; i++) {
      c.insertTask(task("a" + i, 1, T0));
    }
    Task other =
        new Task(
            "x",
            "j",
            TaskSpec.of("excel", Map.of()),
            1,
            TaskStatus.QUEUED,
            null,
            null,
            T0,
            null,
            T0);
    c.insertTask(other);
    assertThat(commits().commit(c.build())).isTrue();
    assertThat(jobStore().leasedCounts(Set.of("rpa", "excel"))).isEmpty();
    fleetQueue().claimTask("a0", "r1", T0.plusSeconds(30));
    fleetQueue().claimTask("a1", "r2", T0.plusSeconds(30));
    fleetQueue().claimTask("x", "r2", T0.plusSeconds(30));
    assertThat(jobStore().leasedCounts(Set.of("rpa", "excel")))
        .isEqualTo(Map.of("rpa", 2L, "excel", 1L));
    assertThat(jobStore().leasedCounts(Set.of("rpa"))).isEqualTo(Map.of("rpa", 2L));
  }

  private void insertJob(String id) {
    Job job =
        new Job(
            id,
            "bp",
            1,
            "start",
            JobStatus.PENDING,
            Map.of(),
            Map.of(),
            0,
            0,
            T0,
            T0,
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            JobAttributes.NONE,
            1,
            null);
    assertThat(commits().commit(Change.builder().insertJob(job).build())).isTrue();
  }

  private static TaskSpec spec(int priority) {
    return TaskSpec.of("rpa", Map.of("n", 1L)).withPriority(priority);
  }

  private static Task task(String id, int priority, Instant visibleAt) {
    return new Task(
        id, "j", spec(priority), 1, TaskStatus.QUEUED, null, null, visibleAt, null, visibleAt);
  }
}
