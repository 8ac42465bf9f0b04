package dev.baton.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.job.Task;
import dev.baton.store.StoreFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's window on the queue: one read feeds many rounds, and when it must read again.
 */
class QueueWindowTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Set<String> RPA = Set.of("rpa");

  /** A queue of {@code queued} tasks that records each read's types and limit. */
  final List<Task> queue = new ArrayList<>();

  final List<String> reads = new ArrayList<>();
  final QueueWindow window =
      new QueueWindow(
          (types, now, limit) -> {
            reads.add(types + "/" + limit);
            return queue.stream().filter(t -> types.contains(t.type())).limit(limit).toList();
          },
          8,
          Duration.ofMillis(250));

  int queued;

  void queue(int n) {
    IntStream.range(queued, queued + n)
        .forEach(i -> queue.add(StoreFixtures.task("t" + i, "j" + i, "rpa", 1, T0, T0)));
    queued += n;
  }

  /** What the dispatcher does with what it hands out: gone from the queue and the window. */
  void handOut(List<Task> tasks) {
    List<String> ids = tasks.stream().map(Task::id).toList();
    queue.removeIf(t -> ids.contains(t.id()));
    window.gone(ids);
  }

  @Test
  void oneReadFeedsRoundsUntilAQuarterIsLeft() {
    queue(20);
    List<Task> first = window.tasks(RPA, T0, 2);
    assertThat(first)
        .extracting(Task::id)
        .containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7");
    assertThat(reads).containsExactly("[rpa]/8");

    handOut(first.subList(0, 3));
    handOut(window.tasks(RPA, T0, 2).subList(0, 3)); // 5 left, then 2: a quarter of 8
    assertThat(window.reads()).isEqualTo(1);
    assertThat(window.tasks(RPA, T0, 1)).extracting(Task::id).containsExactly("t6", "t7");

    handOut(window.tasks(RPA, T0, 1).subList(0, 1)); // 1 left: below a quarter
    assertThat(window.tasks(RPA, T0, 1)).extracting(Task::id).startsWith("t7", "t8");
    assertThat(window.reads()).isEqualTo(2);
  }

  @Test
  void aWindowThatHeldTheWholeQueueIsNotReadAgainUntilWorkIsQueued() {
    queue(3);
    handOut(window.tasks(RPA, T0, 4).subList(0, 2));
    assertThat(window.tasks(RPA, T0, 4)).extracting(Task::id).containsExactly("t2");
    assertThat(window.reads()).isEqualTo(1);

    queue(2);
    window.stale();
    assertThat(window.tasks(RPA, T0, 4)).extracting(Task::id).containsExactly("t2", "t3", "t4");
    assertThat(window.reads()).isEqualTo(2);
  }

  @Test
  void fewerLeftThanWantedReadsAgain() {
    queue(20);
    handOut(window.tasks(RPA, T0, 1).subList(0, 4)); // 4 left, a quarter is 2
    assertThat(window.tasks(RPA, T0, 4)).hasSize(4);
    assertThat(window.reads()).isEqualTo(1);
    assertThat(window.tasks(RPA, T0, 5)).hasSize(8);
    assertThat(window.reads()).isEqualTo(2);
  }

  @Test
  void aTypeItWasNotReadForReadsAgain() {
    queue(3);
    window.tasks(RPA, T0, 1);
    window.tasks(Set.of("rpa", "ocr"), T0, 1);
    assertThat(reads).hasSize(2);
    assertThat(reads.get(1)).contains("ocr");
    window.tasks(RPA, T0, 1); // a subset of what it was read for
    assertThat(window.reads()).isEqualTo(2);
  }

  @Test
  void itIsReadAgainOnceOlderThanItsAge() {
    queue(3);
    window.tasks(RPA, T0, 1);
    window.tasks(RPA, T0.plusMillis(249), 1);
    assertThat(window.reads()).isEqualTo(1);
    window.tasks(RPA, T0.plusMillis(250), 1);
    assertThat(window.reads()).isEqualTo(2);
  }

  @Test
  void aTaskTakenElsewhereLeavesWhenItsClaimFails() {
    queue(3);
    window.tasks(RPA, T0, 1);
    window.gone(List.of("t1")); // the claim found it taken
    assertThat(window.tasks(RPA, T0, 1)).extracting(Task::id).containsExactly("t0", "t2");
  }

  @Test
  void aWindowHoldsAtLeastOneTask() {
    assertThatThrownBy(() -> new QueueWindow((types, now, limit) -> List.of(), 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
