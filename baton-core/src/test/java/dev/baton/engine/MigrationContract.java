package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.JobMigration.Result;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.store.Store;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Migration at safe points on every store: under load no result is lost and no job moves twice; a
 * job in a changed state is refused without a mapping; migrating back undoes a migration.
 */
public interface MigrationContract {
  Store store();

  private Engine engine() {
    Engine e =
        Engine.builder(store())
            .clock(new ManualClock(Instant.parse("2030-01-01T00:00:00Z")))
            .build();
    e.registerWorker(Map.of("worker_id", "w", "supported_tasks", List.of("work", "charge")));
    return e;
  }

  private static Blueprint work(int version, Map<String, String> on) {
    return Blueprint.builder("load")
        .version(version)
        .start("a")
        .dispatch("a", TaskSpec.of("work", Map.of()), on)
        .build();
  }

  private static Blueprint charge(int version, long amount) {
    return Blueprint.builder("pay")
        .version(version)
        .start("a")
        .dispatch(
            "a", TaskSpec.of("charge", Map.of("amount", amount)), Map.of("success", "finished"))
        .build();
  }

  private static List<JobTransition> migrations(Engine e, String jobId) {
    return e.history(jobId).stream().filter(t -> t.reason().startsWith("migrated ")).toList();
  }

  @Test
  default void tenThousandJobsMoveWhileWorkersCompleteTasksAndNoResultIsLostNorJobMovedTwice()
      throws Exception {
    Engine e = engine();
    e.register(work(1, Map.of("success", "finished")));
    e.register(work(2, Map.of("success", "finished", "again", "a")));
    int total = 10_000;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < total; i += 500) {
      List<NewJob> batch = new ArrayList<>();
      for (int k = 0; k < 500; k++) {
        batch.add(
            new NewJob(
                "load", 1, Map.of("n", (long) (i + k)), 0, dev.baton.job.JobAttributes.NONE));
      }
      e.createJobs(batch).forEach(j -> ids.add(j.id()));
    }
    AtomicBoolean migrating = new AtomicBoolean(true);
    AtomicInteger completedDuringMigration = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    Thread worker =
        Thread.ofPlatform()
            .start(() -> {
              try {
                while (true) {
                  List<Task> got = e.poll("w", 50, Duration.ZERO);
                  if (got.isEmpty() && !migrating.get()) {
                    return;
                  }
                  List<Engine.Completion> done = new ArrayList<>();
                  for (Task t : got) {
                    Map<String, Object> data = Map.of("result_of_" + t.jobId(), true);
                    done.add(new Engine.Completion(t.id(), "w", TaskResult.success(data)));
                  }
                  for (Engine.Outcome o : e.completeAll(done)) {
                    if (o.refusal() != null) {
                      refused.incrementAndGet();
                    }
                  }
                  if (migrating.get()) {
                    completedDuringMigration.addAndGet(done.size());
                  }
                }
              } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
              }
            });
    long moved = 0;
    long deferredRuns = 0;
    try {
      for (int run = 0; run < 100; run++) {
        JobMigration.Outcome o = e.migrate(JobMigration.Request.all("load", 1, 2));
        moved += o.count(Result.MOVED);
        assertThat(o.count(Result.REFUSED)).isZero();
        if (o.count(Result.DEFERRED) == 0) {
          break;
        }
        deferredRuns++;
      }
    } finally {
      migrating.set(false);
      worker.join(Duration.ofMinutes(2));
    }
    assertThat(worker.isAlive()).isFalse();
    assertThat(refused.get()).as("results refused").isZero();
    assertThat(store().countUnfinished("load", 1)).isEmpty();
    long onTwo = 0;
    for (String id : ids) {
      Job j = e.job(id).orElseThrow();
      assertThat(j.status()).as(id).isEqualTo(JobStatus.FINISHED);
      assertThat(j.data()).as("the result of " + id).containsEntry("result_of_" + id, true);
      int moves = migrations(e, id).size();
      assertThat(moves).as("moves of " + id).isLessThanOrEqualTo(1);
      assertThat(moves).isEqualTo(j.blueprintVersion() - 1);
      onTwo += j.blueprintVersion() == 2 ? 1 : 0;
    }
    assertThat(onTwo).isEqualTo(moved).isPositive();
    assertThat(completedDuringMigration.get()).isPositive();
    assertThat(deferredRuns).isLessThan(100);
  }

  @Test
  default void aJobInAChangedStateIsRefusedWithoutAMappingAndMigratingBackUndoesTheMove()
      throws Exception {
    Engine e = engine();
    e.register(charge(1, 1));
    Job job = e.createJob(NewJob.of("pay", Map.of()));
    e.register(charge(2, 2));
    String firstTask = e.tasks(job.id()).get(0).id();

    JobMigration.Outcome refused = e.migrate(JobMigration.Request.all("pay", 1, 2));
    assertThat(refused.jobs())
        .singleElement()
        .satisfies(m -> {
          assertThat(m.result()).isEqualTo(Result.REFUSED);
          assertThat(m.reason()).contains("its definition changed").contains("map 'a: a'");
        });
    assertThat(e.job(job.id()).orElseThrow().blueprintVersion()).isEqualTo(1);

    JobMigration.Request mapped =
        JobMigration.Request.all("pay", 1, 2).withMapping(Map.of("a", "a"));
    JobMigration.Outcome dry = e.migrate(mapped.asDryRun());
    assertThat(dry.jobs())
        .singleElement()
        .extracting(JobMigration.JobMove::result)
        .isEqualTo(Result.MOVED);
    assertThat(e.job(job.id()).orElseThrow().version()).isEqualTo(job.version());

    assertThat(e.migrate(mapped).count(Result.MOVED)).isEqualTo(1);
    Job moved = e.job(job.id()).orElseThrow();
    assertThat(moved.blueprintVersion()).isEqualTo(2);
    assertThat(moved.status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);
    List<Task> tasks = e.tasks(job.id());
    assertThat(tasks).hasSize(2);
    assertThat(tasks.get(0).status()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(tasks.get(1).spec().params()).containsEntry("amount", 2L);
    assertThat(migrations(e, job.id()))
        .singleElement()
        .satisfies(t -> assertThat(t.reason()).contains("from v1 to v2"));
    assertThat(e.migrate(mapped).jobs()).as("no v1 job is left").isEmpty();
    assertThat(e.migrate(mapped.withJobs(List.of(job.id()))).jobs())
        .singleElement()
        .satisfies(m -> {
          assertThat(m.result()).isEqualTo(Result.SKIPPED);
          assertThat(m.reason()).isEqualTo("on v2 already");
        });

    JobMigration.Request back = JobMigration.Request.all("pay", 2, 1).withMapping(Map.of("a", "a"));
    assertThat(e.migrate(back).count(Result.MOVED)).isEqualTo(1);
    Job undone = e.job(job.id()).orElseThrow();
    assertThat(undone.blueprintVersion()).isEqualTo(1);
    assertThat(e.tasks(job.id()).get(2).spec().params()).containsEntry("amount", 1L);
    assertThat(firstTask).isNotEqualTo(e.tasks(job.id()).get(2).id());
    Task last = e.poll("w", 1, Duration.ZERO).get(0);
    e.complete(last.id(), "w", TaskResult.success(Map.of()));
    assertThat(e.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  default void aJobWhoseTaskAWorkerHoldsWaitsForTheResultOrIsRedispatchedOnRequest()
      throws Exception {
    Engine e = engine();
    e.register(charge(1, 1));
    Job job = e.createJob(NewJob.of("pay", Map.of()));
    e.register(charge(2, 2));
    Task held = e.poll("w", 1, Duration.ZERO).get(0);
    JobMigration.Request mapped =
        JobMigration.Request.all("pay", 1, 2).withMapping(Map.of("a", "a"));

    JobMigration.Outcome deferred = e.migrate(mapped);
    assertThat(deferred.jobs())
        .singleElement()
        .satisfies(m -> {
          assertThat(m.result()).isEqualTo(Result.DEFERRED);
          assertThat(m.reason()).contains("task " + held.id() + " is held by worker w");
        });
    assertThat(e.job(job.id()).orElseThrow().blueprintVersion()).isEqualTo(1);

    JobMigration.Request redispatch = mapped.withJobs(List.of(job.id())).withRedispatch();
    assertThat(e.migrate(redispatch).count(Result.MOVED)).isEqualTo(1);
    assertThat(e.task(held.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
    Task again = e.poll("w", 1, Duration.ZERO).get(0);
    assertThat(again.spec().params()).containsEntry("amount", 2L);
  }
}
