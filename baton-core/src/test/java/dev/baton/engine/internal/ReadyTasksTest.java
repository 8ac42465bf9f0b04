package dev.baton.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Task;
import dev.baton.store.StoreFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a long-poll may skip its claim, and when it must look. */
class ReadyTasksTest {
  static final Set<String> GREET = Set.of("greet");
  final ReadyTasks ready = new ReadyTasks(Duration.ofMillis(250));
  int n;

  Task task(String type) {
    return StoreFixtures.task("t" + n++, "j", type, 0, Instant.EPOCH, Instant.EPOCH);
  }

  /** A claim by {@code worker} at {@code now} that got {@code got}; returns what it reserved. */
  int claim(String worker, long now, List<Task> got) {
    long version = ready.version();
    int reserved = ready.reserve(worker, GREET, 1, now);
    if (reserved != ReadyTasks.SKIP) {
      ready.claimed(worker, GREET, 1, reserved, got, version, now);
    }
    return reserved;
  }

  @Test
  void aWorkerNotSeenEmptyClaims() {
    assertThat(claim("w1", 0, List.of())).isZero();
  }

  @Test
  void aWorkerThatFoundNothingSkipsUntilATaskIsQueuedOrTheRecheckIsDue() {
    claim("w1", 0, List.of());
    assertThat(ready.reserve("w1", GREET, 1, 100)).isEqualTo(ReadyTasks.SKIP);
    assertThat(ready.reserve("w1", GREET, 1, 250)).as("recheck due").isZero();

    claim("w1", 300, List.of());
    ready.queued(List.of(task("greet")));
    assertThat(ready.reserve("w1", GREET, 1, 310)).as("the queued task, for it").isEqualTo(1);
  }

  @Test
  void aCountedTaskIsReservedByOnePollerSoTheOthersDoNotClaimIt() {
    claim("w1", 0, List.of());
    claim("w2", 0, List.of());
    ready.queued(List.of(task("greet")));
    assertThat(ready.reserve("w1", GREET, 1, 10)).isEqualTo(1);
    assertThat(ready.reserve("w2", GREET, 1, 10)).as("already reserved").isEqualTo(ReadyTasks.SKIP);
  }

  @Test
  void aTaskOfAnotherTypeDoesNotWakeTheClaim() {
    claim("w1", 0, List.of());
    ready.queued(List.of(task("resize")));
    assertThat(ready.reserve("w1", GREET, 1, 10)).isEqualTo(ReadyTasks.SKIP);
  }

  @Test
  void aTaskPlacedOnSomeWorkerMakesEveryWorkerLookOnce() {
    claim("w1", 0, List.of());
    ready.queued(List.of(StoreFixtures.assigned(task("greet"), "w1")));
    assertThat(ready.reserve("w1", GREET, 1, 10)).as("it may be this one's").isZero();
  }

  @Test
  void anotherProcessesTasksMakeEveryWorkerLook() {
    claim("w1", 0, List.of());
    ready.unknown();
    assertThat(ready.reserve("w1", GREET, 1, 10)).isZero();
  }

  @Test
  void aTaskQueuedWhileAShortClaimRanStaysCounted() {
    claim("w1", 0, List.of());
    long version = ready.version();
    int reserved = ready.reserve("w2", GREET, 1, 10); // w2 not seen empty: claims on no count
    ready.queued(List.of(task("greet"))); // committed while w2's claim was in the store
    ready.claimed("w2", GREET, 1, reserved, List.of(), version, 20);
    assertThat(ready.reserve("w1", GREET, 1, 30)).as("still counted").isEqualTo(1);
  }

  @Test
  void aShortClaimWithNothingQueuedMeanwhileClearsTheCountsOfItsTypes() {
    ready.queued(List.of(task("greet"), task("greet"))); // taken by another process, say
    claim("w1", 0, List.of()); // reserved one, found none
    assertThat(ready.reserve("w2", GREET, 1, 10)).as("w2 not seen empty: looks").isZero();
    ready.claimed("w2", GREET, 1, 0, List.of(), ready.version(), 10);
    assertThat(ready.reserve("w2", GREET, 1, 20)).isEqualTo(ReadyTasks.SKIP);
  }
}
