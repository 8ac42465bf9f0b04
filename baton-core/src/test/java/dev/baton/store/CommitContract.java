package dev.baton.store;

import static dev.baton.store.StoreFixtures.T0;
import static dev.baton.store.StoreFixtures.job;
import static dev.baton.store.StoreFixtures.race;
import static dev.baton.store.StoreFixtures.task;
import static dev.baton.store.StoreFixtures.transition;
import static dev.baton.store.StoreFixtures.withVersion;
import static dev.baton.store.StoreFixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Commits} must do: a change applies whole or not at all, and its guards (the
 * version a job update was derived from, a task's lifecycle, duplicate ids) hold under races.
 */
public interface CommitContract extends StoreSetup {
  JobStore jobStore();

  @Test
  default void anUpdateNeedsTheVersionItWasDerivedFrom() {
    Job v1 = job("j");
    insertJob(v1);
    Job v2 =
        v1.toBuilder().state("second").data(Map.of("n", 2L)).updatedAt(T0.plusSeconds(1)).build();
    assertThat(commit(Change.builder().updateJob(v2))).isTrue();
    assertThat(jobStore().job("j")).contains(v2);

    Job staleV2 = v1.toBuilder().state("lost").build();
    assertThat(commit(Change.builder().updateJob(staleV2))).isFalse();
    assertThat(commit(Change.builder().updateJob(withVersion(v2, 7)))).isFalse();
    assertThat(commit(Change.builder().updateJob(withVersion(job("never-inserted"), 2)))).isFalse();
    assertThat(jobStore().job("j")).contains(v2);
    assertThat(jobStore().job("never-inserted")).isEmpty();
  }

  @Test
  default void aChangeOfManyJobsAppliesWholeOrNotAtAll() {
    Change.Builder many = Change.builder();
    for (int i = 0; i < 20; i++) {
      many.insertJob(job("b" + i))
          .insertTask(task("bt" + i, "b" + i, "x", 0, T0, T0))
          .transition(transition("b" + i, "start"));
    }
    assertThat(commit(many)).isTrue();
    for (int i = 0; i < 20; i++) {
      assertThat(jobStore().job("b" + i)).contains(job("b" + i));
      assertThat(jobStore().tasksOf("b" + i)).hasSize(1);
      assertThat(jobStore().transitions("b" + i)).containsExactly(transition("b" + i, "start"));
    }

    Change.Builder doomed = Change.builder();
    for (int i = 0; i < 20; i++) {
      doomed.insertJob(job("c" + i)).insertTask(task("ct" + i, "c" + i, "x", 0, T0, T0));
    }
    doomed.updateJob(withVersion(job("b0"), 5)); // derived from a version b0 never had
    assertThat(commit(doomed)).isFalse();
    for (int i = 0; i < 20; i++) {
      assertThat(jobStore().job("c" + i)).isEmpty();
      assertThat(jobStore().task("ct" + i)).isEmpty();
    }
    assertThat(jobStore().job("b0")).contains(job("b0"));
  }

  @Test
  default void aDuplicateJobFailsTheChangeAndChangesNothing() {
    Job original = job("j");
    insertJob(original);
    Job impostor = job("j").toBuilder().state("impostor").build();
    Change change =
        Change.builder().insertTask(task("t", "j", "type", 0, T0, T0)).insertJob(impostor).build();
    assertThat(commits().commit(change)).isFalse();
    assertThat(jobStore().job("j")).contains(original);
    assertThat(jobStore().task("t")).isEmpty();
  }

  @Test
  default void aDuplicateTaskFailsTheChangeAndChangesNothing() {
    insertJob(job("j"));
    Task original = task("t", "j", "type", 0, T0, T0);
    assertThat(commit(Change.builder().insertTask(original))).isTrue();
    Change change =
        Change.builder().insertJob(job("k")).insertTask(task("t", "k", "other", 5, T0, T0)).build();
    assertThat(commits().commit(change)).isFalse();
    assertThat(jobStore().task("t")).contains(original);
    assertThat(jobStore().job("k")).isEmpty();
  }

  @Test
  default void aChangeWhoseSecondOpFailsLeavesTheFirstUndone() {
    Job j = job("j");
    insertJob(j);
    assertThat(commit(Change.builder().updateJob(j.toBuilder().state("moved on").build())))
        .isTrue();
    Change change =
        Change.builder()
            .insertJob(job("k"))
            .updateJob(j.toBuilder().state("stale").build())
            .transition(transition("k", "created"))
            .build();
    assertThat(commits().commit(change)).isFalse();
    assertThat(jobStore().job("k")).isEmpty();
    assertThat(jobStore().transitions("k")).isEmpty();
    assertThat(jobStore().job("j").orElseThrow().state()).isEqualTo("moved on");
  }

  @Test
  default void emptyChangeCommits() {
    assertThat(commits().commit(new Change(List.of()))).isTrue();
  }

  @Test
  default void aTaskMovesOnlyAlongItsLifecycle() {
    insertJob(job("j"));
    Task t = task("t", "j", "type", 0, T0, T0);
    commit(Change.builder().insertTask(t));

    assertThat(commit(Change.builder().moveTask("t", TaskStatus.DONE))).isFalse();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.QUEUED))).isFalse();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.LEASED))).isTrue();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.LEASED))).isFalse();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.DONE))).isTrue();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.CANCELLED))).isFalse();
    assertThat(commit(Change.builder().moveTask("t", TaskStatus.EXPIRED))).isFalse();
    assertThat(commit(Change.builder().moveTask("missing", TaskStatus.CANCELLED))).isFalse();
    assertThat(jobStore().task("t"))
        .contains(t.withStatus(TaskStatus.LEASED).withStatus(TaskStatus.DONE));
  }

  @Test
  default void aFailedMoveUndoesTheRestOfItsChange() {
    insertJob(job("j"));
    commit(Change.builder().insertTask(task("t", "j", "type", 0, T0, T0)));
    Change change =
        Change.builder()
            .insertTask(task("t2", "j", "type", 0, T0, T0))
            .moveTask("t", TaskStatus.DONE)
            .build();
    assertThat(commits().commit(change)).isFalse();
    assertThat(jobStore().task("t2")).isEmpty();
    assertThat(jobStore().task("t").orElseThrow().status()).isEqualTo(TaskStatus.QUEUED);
  }

  @Test
  default void racingUpdatesOfOneJobCountExactlyTheWinners() throws Exception {
    insertJob(withVersion(job("j").toBuilder().data(Map.of("counter", 0L)).build(), 1));
    AtomicInteger wins = new AtomicInteger();
    race(
        8,
        worker -> {
          for (int i = 0; i < 25; i++) {
            Job read = jobStore().job("j").orElseThrow();
            long counter =
                ((Number) Objects.requireNonNull(read.data().get("counter"))).longValue();
            Job next = read.toBuilder().data(Map.of("counter", counter + 1)).build();
            Change change =
                Change.builder().updateJob(next).transition(transition("j", "w" + worker)).build();
            if (commits().commit(change)) {
              wins.incrementAndGet();
            }
          }
        });
    Job last = jobStore().job("j").orElseThrow();
    assertThat(wins.get()).isPositive();
    assertThat(last.data().get("counter")).isEqualTo((long) wins.get());
    assertThat(last.version()).isEqualTo(1L + wins.get());
    assertThat(jobStore().transitions("j")).hasSize(wins.get());
  }
}
