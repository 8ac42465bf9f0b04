package dev.baton.store;

import static dev.baton.store.StoreFixtures.job;
import static dev.baton.store.StoreFixtures.task;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobClient;
import dev.baton.job.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CounterStore} must do: request windows, scenario executions and client turns
 * count exactly, however many race on one counter.
 */
public interface CounterStoreContract extends StoreSetup {
  Instant T = Instant.parse("2030-01-01T10:00:00Z");
  Duration MINUTE = Duration.ofMinutes(1);

  CounterStore counterStore();

  /** The same store's job port: a claim takes the clients' turns. */
  JobStore jobStore();

  @Test
  default void withinAPriorityAClaimServesTheClientServedLeastRecentlyFirst() {
    insertJob(ownedBy(job("a"), "acme"));
    insertJob(ownedBy(job("b"), "bolt"));
    insertJob(job("none"));
    Change.Builder change = Change.builder();
    for (int i = 0; i < 3; i++) {
      change.insertTask(task("a" + i, "a", "x", 0, T, T.plusMillis(i)));
    }
    change.insertTask(task("b0", "b", "x", 0, T, T.plusMillis(10)));
    change.insertTask(task("b1", "b", "x", 0, T, T.plusMillis(11)));
    change.insertTask(task("a-urgent", "a", "x", 5, T, T.plusMillis(20)));
    assertThat(commit(change)).isTrue();

    assertThat(claimOne()).as("a higher priority first, whoever was served").isEqualTo("a-urgent");
    assertThat(claimOne()).as("acme was just served: bolt's turn").isEqualTo("b0");
    assertThat(claimOne()).isEqualTo("a0");
    assertThat(claimOne()).isEqualTo("b1");
    assertThat(claimOne()).as("bolt has none left").isEqualTo("a1");
    Map<String, Long> turns = counterStore().turns(List.of("acme", "bolt"));
    assertThat(turns.get("acme")).isGreaterThan(turns.get("bolt"));
    assertThat(claimOne()).isEqualTo("a2");
    assertThat(counterStore().turns(List.of("acme")))
        .as("a run of one client's claims keeps its turn")
        .isEqualTo(Map.of("acme", turns.get("acme")));
  }

  @Test
  default void tasksOfJobsWithNoClientKeepTheQueueOrderAndTakeNoTurn() {
    insertJob(job("j"));
    insertJob(ownedBy(job("k"), "acme"));
    counterStore().served(List.of("acme"));
    Change.Builder change = Change.builder();
    change.insertTask(task("k0", "k", "x", 0, T, T));
    for (int i = 0; i < 3; i++) {
      change.insertTask(task("j" + i, "j", "x", 0, T, T.plusMillis(1 + i)));
    }
    assertThat(commit(change)).isTrue();
    List<Task> got = jobStore().claim(new TaskClaim("w", Set.of("x"), 3, T, T.plusSeconds(30)));
    assertThat(got)
        .as("acme was served last: the jobs without a client go first, oldest first")
        .extracting(Task::id)
        .containsExactlyInAnyOrder("j0", "j1", "j2");
    assertThat(counterStore().turns(List.of("", "acme"))).containsOnlyKeys("acme");
    assertThat(claimOne()).isEqualTo("k0");
  }

  private String claimOne() {
    List<Task> got = jobStore().claim(new TaskClaim("w", Set.of("x"), 1, T, T.plusSeconds(30)));
    assertThat(got).hasSize(1);
    return got.getFirst().id();
  }

  private static Job ownedBy(Job j, String client) {
    return j.withAttributes(j.attributes().withClient(JobClient.named(client, "basic", Map.of())));
  }

  @Test
  default void aWindowCountsUpToItsLimitThenRefusesUntilItPasses() {
    CounterStore s = counterStore();
    assertThat(s.countRequest("w1 /a", T, MINUTE, 2)).isTrue();
    assertThat(s.countRequest("w1 /a", T.plusSeconds(10), MINUTE, 2)).isTrue();
    assertThat(s.countRequest("w1 /a", T.plusSeconds(20), MINUTE, 2)).isFalse();
    assertThat(s.countRequest("w2 /a", T.plusSeconds(20), MINUTE, 2)).as("another key").isTrue();
    assertThat(s.countRequest("w1 /a", T.plusSeconds(59), MINUTE, 2))
        .as("the window started at the first request")
        .isFalse();
    assertThat(s.countRequest("w1 /a", T.plusSeconds(60), MINUTE, 2)).as("a new window").isTrue();
    assertThat(s.countRequest("w1 /a", T.plusSeconds(61), MINUTE, 2)).isTrue();
    assertThat(s.countRequest("w1 /a", T.plusSeconds(62), MINUTE, 2)).isFalse();
  }

  @Test
  default void refusedRequestsAreNotCounted() {
    CounterStore s = counterStore();
    assertThat(s.countRequest("k", T, MINUTE, 1)).isTrue();
    for (int i = 0; i < 50; i++) {
      assertThat(s.countRequest("k", T.plusSeconds(1), MINUTE, 1)).isFalse();
    }
    assertThat(s.countRequest("k", T.plusSeconds(60), MINUTE, 1)).isTrue();
  }

  @Test
  default void windowsThatPassedAreForgotten() {
    CounterStore s = counterStore();
    s.countRequest("old", T, MINUTE, 1);
    s.countRequest("new", T.plusSeconds(30), MINUTE, 1);
    assertThat(s.forgetWindows(T.plusSeconds(10))).isEqualTo(1);
    assertThat(s.countRequest("new", T.plusSeconds(40), MINUTE, 1)).as("kept").isFalse();
    assertThat(s.countRequest("old", T.plusSeconds(40), MINUTE, 1)).as("forgotten").isTrue();
  }

  @Test
  default void racingRequestsNeverPassTheLimit() throws Exception {
    assertThat(race(8, 20, () -> counterStore().countRequest("hot", T, MINUTE, 50))).isEqualTo(50);
  }

  @Test
  default void executionsCountUpToTheMaximumUntilAnAck() {
    CounterStore s = counterStore();
    assertThat(s.executions()).isEmpty();
    assertThat(s.countExecution("a", 2)).isTrue();
    assertThat(s.countExecution("a", 2)).isTrue();
    assertThat(s.countExecution("a", 2)).isFalse();
    assertThat(s.countExecution("b", 0)).as("no maximum").isTrue();
    assertThat(s.countExecution("b", 0)).isTrue();
    assertThat(s.countExecution("b", 0)).isTrue();
    assertThat(s.executions()).isEqualTo(Map.of("a", 2L, "b", 3L));

    s.resetExecutions("a");
    assertThat(s.executions()).as("one scenario's ACK").isEqualTo(Map.of("b", 3L));
    assertThat(s.countExecution("a", 2)).isTrue();
    s.resetExecutions();
    assertThat(s.executions()).as("the ACK of every scenario").isEmpty();
  }

  @Test
  default void racingExecutionsNeverPassTheMaximum() throws Exception {
    assertThat(race(8, 10, () -> counterStore().countExecution("hot", 25))).isEqualTo(25);
    assertThat(counterStore().executions()).containsEntry("hot", 25L);
  }

  @Test
  default void aServedClientGoesAfterTheOthers() {
    CounterStore s = counterStore();
    assertThat(s.turns(List.of("a", "b", "c"))).isEmpty();
    s.served(List.of("a", "b"));
    Map<String, Long> turns = s.turns(List.of("a", "b", "c"));
    assertThat(turns).containsOnlyKeys("a", "b");
    assertThat(turns.get("a")).isLessThan(turns.get("b"));

    s.served(List.of("a"));
    turns = s.turns(List.of("a", "b"));
    assertThat(turns.get("a")).as("a now goes last").isGreaterThan(turns.get("b"));

    long before = turns.get("a");
    s.served(List.of("a", "a"));
    assertThat(s.turns(List.of("a")))
        .as("already the most recent: kept")
        .containsEntry("a", before);
    assertThat(s.turns(List.of())).isEmpty();
  }

  /** Runs {@code tries} attempts on each of {@code threads} threads; how many were granted. */
  private static int race(int threads, int tries, java.util.function.BooleanSupplier attempt)
      throws Exception {
    AtomicInteger granted = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        fs.add(
            pool.submit(() -> {
              for (int k = 0; k < tries; k++) {
                if (attempt.getAsBoolean()) {
                  granted.incrementAndGet();
                }
              }
            }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return granted.get();
  }
}
