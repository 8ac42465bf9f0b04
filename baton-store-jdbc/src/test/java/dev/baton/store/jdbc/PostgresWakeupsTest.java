package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineOptions;
import dev.baton.engine.NewJob;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.store.Wakeups;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two processes on one PostgreSQL schema (two stores, each with its own pools, writer and
 * listener): a task queued through one wakes a long-poll waiting on the other at once, not at the
 * poll's next recheck.
 */
class PostgresWakeupsTest {
  /** Longer than any await below: a poll that answers in time was woken, not rechecking. */
  static final Duration RECHECK = Duration.ofMinutes(2);

  final TestPostgres.Database db = TestPostgres.newSchema();
  final JdbcStore storeA = db.openStore();
  final JdbcStore storeB = db.openStore();
  final Engine nodeA = engine(storeA);
  final Engine nodeB = engine(storeB);

  static Engine engine(JdbcStore store) {
    Engine e =
        Engine.builder(store).options(EngineOptions.DEFAULTS.withPollRecheck(RECHECK)).build();
    e.register(
        Blueprint.builder("one")
            .start("run")
            .dispatch("run", TaskSpec.of("step", Map.of()), Map.of("success", "finished"))
            .build());
    // Its tasks are for nobody: they only show that a node's listener is up.
    e.register(
        Blueprint.builder("probe")
            .start("run")
            .dispatch("run", TaskSpec.of("probe", Map.of()), Map.of("success", "finished"))
            .build());
    return e;
  }

  @AfterEach
  void close() {
    nodeA.close();
    nodeB.close();
    storeA.close();
    storeB.close();
  }

  @Test
  void aTaskQueuedOnOneNodeWakesALongPollWaitingOnTheOther() throws Exception {
    nodeB.registerWorker(Map.of("worker_id", "w1", "supported_tasks", List.of("step")));
    List<Wakeups.Wake> heardByB = new CopyOnWriteArrayList<>();
    storeB.wakeups().subscribe(heardByB::add);
    // The listener is up once it hears anything: announce until it does.
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          nodeA.createJob(NewJob.of("probe", Map.of()));
          return !heardByB.isEmpty();
        });
    CompletableFuture<List<Task>> poll =
        CompletableFuture.supplyAsync(() -> {
          try {
            return nodeB.poll("w1", 1, RECHECK);
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    await().pollDelay(Duration.ofMillis(200)).until(() -> !poll.isDone());
    String job = nodeA.createJob(NewJob.of("one", Map.of())).id();
    List<Task> taken = poll.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(taken).extracting(Task::jobId).containsExactly(job);
    assertThat(heardByB).extracting(Wakeups.Wake::kind).contains(Wakeups.Kind.TASKS);
  }

  @Test
  void aNodeIsNotWokenByItsOwnCommitsNorByAnotherSchema() throws Exception {
    TestPostgres.Database other = TestPostgres.newSchema();
    try (JdbcStore elsewhere = other.openStore();
        Engine elsewhereNode = engine(elsewhere)) {
      List<Wakeups.Wake> heardByA = new CopyOnWriteArrayList<>();
      List<Wakeups.Wake> heardByB = new CopyOnWriteArrayList<>();
      storeA.wakeups().subscribe(heardByA::add);
      storeB.wakeups().subscribe(heardByB::add);
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> {
            elsewhereNode.createJob(NewJob.of("probe", Map.of()));
            nodeA.createJob(NewJob.of("probe", Map.of()));
            return !heardByB.isEmpty();
          });
      // B heard A's tasks; A heard nothing: neither its own commits nor the other schema's.
      assertThat(heardByB).allSatisfy(w -> assertThat(w.kind()).isEqualTo(Wakeups.Kind.TASKS));
      assertThat(heardByA).isEmpty();
    }
  }
}
