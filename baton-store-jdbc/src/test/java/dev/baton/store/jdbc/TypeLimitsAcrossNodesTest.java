package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.engine.TypeLimits;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A type's concurrency limit on the JDBC stores: exact with HTTP workers racing on two nodes of one
 * PostgreSQL, and held for a resumed job's task on SQLite and PostgreSQL alike.
 */
class TypeLimitsAcrossNodesTest {
  static final int LIMIT = 2;
  static final TypeLimits LIMITS = new TypeLimits(Map.of("render", LIMIT), Map.of());

  @TempDir Path dir;

  static Engine engine(JdbcStore store) {
    Engine e = Engine.builder(store).typeLimits(LIMITS).build();
    e.register(
        Blueprint.builder("render")
            .start("run")
            .dispatch("run", TaskSpec.of("render", Map.of()), Map.of("success", "finished"))
            .build());
    return e;
  }

  @Test
  void workersRacingOnTwoNodesNeverRunMoreThanTheLimit() throws Exception {
    TestPostgres.Database db = TestPostgres.newDatabase();
    try (JdbcStore storeA = db.openStore();
        JdbcStore storeB = db.openStore()) {
      Engine nodeA = engine(storeA);
      Engine nodeB = engine(storeB);
      int jobs = 60;
      for (int i = 0; i < jobs; i++) {
        (i % 2 == 0 ? nodeA : nodeB).createJob(NewJob.of("render", Map.of()));
      }
      AtomicInteger running = new AtomicInteger();
      AtomicInteger mostRunning = new AtomicInteger();
      AtomicInteger mostLeased = new AtomicInteger();
      AtomicInteger done = new AtomicInteger();
      List<Thread> workers = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        Engine node = w % 2 == 0 ? nodeA : nodeB;
        JdbcStore store = w % 2 == 0 ? storeA : storeB;
        String id = "w" + w;
        node.registerWorker(Map.of("worker_id", id, "supported_tasks", List.of("render")));
        workers.add(
            Thread.ofPlatform()
                .start(() -> {
                  // Bounded: each loop takes a task or waits for one.
                  long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                  while (done.get() < jobs && System.nanoTime() < deadline) {
                    try {
                      for (Task t : node.poll(id, 4, Duration.ofMillis(100))) {
                        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        long leased =
                            store.leasedCounts(Set.of("render")).getOrDefault("render", 0L);
                        mostLeased.accumulateAndGet((int) leased, Math::max);
                        running.decrementAndGet(); // before the result: never counted late
                        node.complete(t.id(), id, TaskResult.success(Map.of()));
                        done.incrementAndGet();
                      }
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }));
      }
      for (Thread t : workers) {
        t.join();
      }
      nodeA.close();
      nodeB.close();
      assertThat(done).hasValue(jobs);
      assertThat(storeA.countJobs()).containsEntry(JobStatus.FINISHED, (long) jobs);
      assertThat(mostRunning.get()).isBetween(1, LIMIT);
      assertThat(mostLeased.get()).isBetween(1, LIMIT);
    }
  }

  @Test
  void aResumedJobOnSqliteWaitsWhileItsTypeIsAtItsLimit() throws Exception {
    try (JdbcStore store = JdbcStore.sqlite(dir.resolve("baton.db"))) {
      resumedJobWaits(store);
    }
  }

  @Test
  void aResumedJobOnPostgresWaitsWhileItsTypeIsAtItsLimit() throws Exception {
    try (JdbcStore store = TestPostgres.newDatabase().openStore()) {
      resumedJobWaits(store);
    }
  }

  /** Kestra's restarts bypass its limits; a resumed job's task is claimed like any other. */
  private static void resumedJobWaits(JdbcStore store) throws Exception {
    Engine e = engine(store);
    try {
      e.registerWorker(Map.of("worker_id", "w", "supported_tasks", List.of("render")));
      Job failing = e.createJob(NewJob.of("render", Map.of()));
      Task first = e.poll("w", 1, Duration.ZERO).getFirst();
      e.complete(
          first.id(),
          "w",
          TaskResult.failure(new TaskError(ErrorCode.INVALID_INPUT_ERROR, "broke")));
      assertThat(e.job(failing.id()).orElseThrow().status()).isEqualTo(JobStatus.FAILED);

      List<Task> running = new ArrayList<>();
      for (int i = 0; i < LIMIT; i++) {
        e.createJob(NewJob.of("render", Map.of()));
        running.addAll(e.poll("w", 1, Duration.ZERO));
      }
      assertThat(running).hasSize(LIMIT);

      e.resume(failing.id(), Map.of(), Map.of());
      assertThat(e.poll("w", 4, Duration.ZERO)).isEmpty(); // at the limit: the resumed task waits
      assertThat(e.job(failing.id()).orElseThrow().status())
          .isEqualTo(JobStatus.WAITING_FOR_WORKER);

      e.complete(running.getFirst().id(), "w", TaskResult.success(Map.of()));
      List<Task> next = e.poll("w", 4, Duration.ZERO);
      assertThat(next).extracting(Task::jobId).containsExactly(failing.id());
    } finally {
      e.close();
    }
  }
}
