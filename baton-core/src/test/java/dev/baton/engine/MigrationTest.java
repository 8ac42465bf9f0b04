package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.JobMigration.Result;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.store.InMemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a migration does with each kind of wait, and what it records, on the in-memory store. */
class MigrationTest {
  final EngineFixture f = new EngineFixture();

  private static Blueprint.Builder order(int version) {
    return Blueprint.builder("order").version(version).start("a");
  }

  private JobMigration.JobMove only(JobMigration.Request r) {
    List<JobMigration.JobMove> moves = f.engine.migrate(r).jobs();
    assertThat(moves).hasSize(1);
    return moves.get(0);
  }

  @Test
  void aJobMovedAsItIsTakesTheNewVersionsOutcomes() throws Exception {
    f.worker("w", "work");
    f.engine.register(
        order(1)
            .dispatch("a", TaskSpec.of("work", Map.of()), Map.of("success", "finished"))
            .build());
    Job job = f.engine.createJob(NewJob.of("order", Map.of()));
    f.engine.register(
        order(2)
            .dispatch(
                "a", TaskSpec.of("work", Map.of()), Map.of("success", "finished", "again", "a"))
            .build());

    assertThat(only(JobMigration.Request.all("order", 1, 2)).result()).isEqualTo(Result.MOVED);
    Task t = f.take("w");
    assertThat(f.engine.tasks(job.id())).hasSize(1); // the task was left as it was
    f.engine.complete(t.id(), "w", new TaskResult("again", Map.of(), null));
    Job after = f.engine.job(job.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);
    assertThat(after.state()).isEqualTo("a");

    List<LedgerEntry> entries =
        ((InMemoryStore) f.store)
            .ledger()
            .read(LedgerQuery.oldest(10).type("job.migrated"))
            .entries();
    assertThat(entries)
        .singleElement()
        .satisfies(e -> {
          assertThat(e.jobId()).isEqualTo(job.id());
          assertThat(e.details())
              .containsEntry("from_version", 1L)
              .containsEntry("to_version", 2L)
              .containsEntry("from_state", "a")
              .containsEntry("to_state", "a");
        });
  }

  @Test
  void aJobWaitingForADecisionIsAskedAgainOnlyInAnApprovalState() {
    f.engine.register(order(1).approval("a", "ok?", Map.of("approve", "finished")).build());
    Job job = f.engine.createJob(NewJob.of("order", Map.of()));
    f.engine.register(
        order(2).approval("a", "sure?", Map.of("approve", "finished", "reject", "failed")).build());
    f.engine.register(
        order(3)
            .dispatch("a", TaskSpec.of("work", Map.of()), Map.of("success", "finished"))
            .build());

    assertThat(only(JobMigration.Request.all("order", 1, 2)).reason()).contains("map 'a: a'");
    JobMigration.JobMove toDispatch =
        only(JobMigration.Request.all("order", 1, 3).withMapping(Map.of("a", "a")));
    assertThat(toDispatch.result()).isEqualTo(Result.REFUSED);
    assertThat(toDispatch.reason()).contains("waits for a decision");

    JobMigration.Request mapped =
        JobMigration.Request.all("order", 1, 2).withMapping(Map.of("a", "a"));
    assertThat(only(mapped).result()).isEqualTo(Result.MOVED);
    Job moved = f.engine.job(job.id()).orElseThrow();
    assertThat(moved.status()).isEqualTo(JobStatus.WAITING_FOR_HUMAN);
    assertThat(moved.awaiting())
        .isEqualTo(new Wait.OnHuman("sure?", Map.of("approve", "finished", "reject", "failed")));
    assertThat(f.engine.decide(job.id(), "reject").status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void aJobWaitingForBranchesEntersAfreshWithEveryQueuedBranchCancelled() throws Exception {
    f.worker("w", "pick");
    List<TaskSpec> two = List.of(TaskSpec.of("pick", Map.of()), TaskSpec.of("pick", Map.of()));
    f.engine.register(order(1).parallel("a", two, "finished").build());
    Job job = f.engine.createJob(NewJob.of("order", Map.of()));
    List<TaskSpec> three = List.of(two.get(0), two.get(1), TaskSpec.of("pick", Map.of("n", 3L)));
    f.engine.register(order(2).parallel("a", three, "finished").build());

    JobMigration.Request mapped =
        JobMigration.Request.all("order", 1, 2).withMapping(Map.of("a", "a"));
    assertThat(only(mapped).result()).isEqualTo(Result.MOVED);
    List<Task> tasks = f.engine.tasks(job.id());
    assertThat(tasks).hasSize(5);
    assertThat(tasks.subList(0, 2)).allMatch(t -> t.status() == TaskStatus.CANCELLED);
    assertThat(tasks.subList(2, 5)).allMatch(t -> t.status() == TaskStatus.QUEUED);
    assertThat(f.engine.job(job.id()).orElseThrow().status())
        .isEqualTo(JobStatus.WAITING_FOR_PARALLEL_TASKS);
  }

  @Test
  void aParentWaitingForASubJobIsNotSentIntoItsStateAgain() {
    f.engine.register(Blueprint.builder("child").start("x").approval("x", "?", Map.of()).build());
    f.engine.register(
        order(1).subflow("a", "child", ctx -> Map.of(), Map.of("success", "finished")).build());
    Job parent = f.engine.createJob(NewJob.of("order", Map.of()));
    f.engine.register(
        order(2).subflow("a", "child", ctx -> Map.of(), Map.of("success", "failed")).build());

    JobMigration.JobMove m =
        only(JobMigration.Request.all("order", 1, 2).withMapping(Map.of("a", "a")));
    assertThat(m.result()).isEqualTo(Result.REFUSED);
    assertThat(m.reason()).startsWith("waits for sub-job ");
    assertThat(f.engine.job(parent.id()).orElseThrow().blueprintVersion()).isEqualTo(1);
  }
}
