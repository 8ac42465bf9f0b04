package dev.baton.engine;

import static dev.baton.job.JobStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.Job;
import dev.baton.job.JobTransition;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.store.InMemoryStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's part of the ledger, and the two verbs the control loop uses on it. */
class EngineLedgerTest {
  EngineFixture f;
  Engine engine;
  Ledger ledger;

  @BeforeEach
  void setUp() {
    f = new EngineFixture();
    engine = f.engine;
    ledger = ((InMemoryStore) f.store).ledger();
    engine.register(
        Blueprint.builder("hello")
            .start("greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "finished"))
            .build());
  }

  @Test
  void everyTransitionOfAJobIsInTheLedger() throws Exception {
    f.worker("w1", "greet");
    Job job = engine.createJob(NewJob.of("hello", Map.of()));
    f.succeed(f.take("w1"), Map.of());
    List<JobTransition> history = engine.history(job.id());
    List<LedgerEntry> entries = ledger.read(LedgerQuery.oldest(100).jobId(job.id())).entries();
    assertThat(entries).hasSameSizeAs(history);
    assertThat(entries)
        .extracting(LedgerEntry::type)
        .containsExactly("job.waiting_for_worker", "job.finished");
    assertThat(entries.get(1).details())
        .containsEntry("blueprint", "hello")
        .containsEntry("from_state", "greet")
        .containsEntry("to_status", "finished");
  }

  @Test
  void quarantineCancelsOpenTasksAndTheJobCanBeResumed() throws Exception {
    Job job = engine.createJob(NewJob.of("hello", Map.of()));
    Job stuck = engine.quarantine(job.id(), "stuck for 2 h");
    assertThat(stuck.status()).isEqualTo(QUARANTINED);
    assertThat(stuck.errorMessage()).isEqualTo("stuck for 2 h");
    assertThat(engine.tasks(job.id())).extracting(Task::status).containsOnly(TaskStatus.CANCELLED);
    assertThat(ledger.read(LedgerQuery.newest(1).jobId(job.id())).entries().getFirst().type())
        .isEqualTo("job.quarantined");
    assertThatThrownBy(() -> engine.quarantine(job.id(), "again"))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("already quarantined");
    assertThat(engine.resume(job.id(), Map.of(), Map.of()).status()).isEqualTo(WAITING_FOR_WORKER);
  }

  @Test
  void aDeadWorkersTasksAreTakenBackAndGoToAnother() throws Exception {
    Duration ttl = engine.options().workerTtl();
    f.worker("dead", "greet");
    Job job = engine.createJob(NewJob.of("hello", Map.of()));
    // Taken before half of the worker's time to live is gone, the lease runs past the worker's.
    f.clock.advance(ttl.multipliedBy(4).dividedBy(10));
    Task held = f.take("dead");
    assertThatThrownBy(() -> engine.releaseDeadWorker("dead"))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("is alive until");
    f.clock.advance(ttl.multipliedBy(6).dividedBy(10).plusSeconds(1)); // the worker is dead
    f.worker("alive", "greet");
    assertThat(engine.sweep()).isZero(); // the lease still runs: the sweep leaves it
    assertThat(engine.releaseDeadWorker("dead")).isEqualTo(1);
    assertThat(engine.task(held.id()).orElseThrow().status()).isEqualTo(TaskStatus.EXPIRED);
    f.clock.advance(Duration.ofMinutes(1)); // past the retry delay
    engine.sweep();
    Task again = f.take("alive");
    assertThat(again.jobId()).isEqualTo(job.id());
    assertThat(engine.releaseDeadWorker("dead")).isZero();
  }
}
