package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Baton nodes on one PostgreSQL database: each engine has its own store (its own pools and
 * group-commit writer, as two processes would), jobs are created on both, and workers take tasks
 * through both. No task is handed out twice, and every job moves through each state exactly once.
 */
class TwoNodesOnPostgresTest {
  static final int JOBS = 300;

  final TestPostgres.Database db = TestPostgres.newDatabase();
  final JdbcStore storeA = db.openStore();
  final JdbcStore storeB = db.openStore();
  final Engine nodeA = engine(storeA);
  final Engine nodeB = engine(storeB);

  static Engine engine(JdbcStore store) {
    Engine e = Engine.builder(store).build();
    e.register(
        Blueprint.builder("two")
            .start("first")
            .dispatch("first", TaskSpec.of("step", Map.of()), Map.of("success", "second"))
            .dispatch("second", TaskSpec.of("step", Map.of()), Map.of("success", "finished"))
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
  void twoNodesShareTheWorkWithoutDoingAnyTwice() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      ids.add((i % 2 == 0 ? nodeA : nodeB).createJob(NewJob.of("two", Map.of("n", (long) i))).id());
    }
    Set<String> handedOut = ConcurrentHashMap.newKeySet();
    AtomicInteger duplicates = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      Engine node = w % 2 == 0 ? nodeA : nodeB;
      String id = "w" + w;
      node.registerWorker(Map.of("worker_id", id, "supported_tasks", List.of("step")));
      workers.add(
          Thread.ofPlatform()
              .start(() -> {
                // Bounded: 2 steps per job, and each loop either takes a task or waits.
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (done.get() < 2 * JOBS && System.nanoTime() < deadline) {
                  try {
                    for (Task t : node.poll(id, 4, Duration.ofMillis(200))) {
                      if (!handedOut.add(t.id())) {
                        duplicates.incrementAndGet();
                      }
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

    assertThat(duplicates.get()).isZero();
    assertThat(handedOut).hasSize(2 * JOBS);
    assertThat(storeA.countJobs()).containsEntry(JobStatus.FINISHED, (long) JOBS);
    for (String id : ids) {
      List<JobTransition> history = storeB.transitions(id);
      assertThat(
              history.stream()
                  .filter(t -> "second".equals(t.toState()) && !"second".equals(t.fromState())))
          .as("job %s entered 'second'", id)
          .hasSize(1);
      assertThat(history.stream().filter(t -> t.toStatus() == JobStatus.FINISHED))
          .as("job %s finished", id)
          .hasSize(1);
    }
  }
}
