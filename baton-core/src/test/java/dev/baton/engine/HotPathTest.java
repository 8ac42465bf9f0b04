package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine's hot paths read nothing they already know: a create answers from what it committed, a
 * result for a task this engine leased takes the task and its job from the claim and the last
 * commit; and many jobs are created in one transaction.
 */
class HotPathTest {
  final InMemoryStore memory = new InMemoryStore();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicBoolean refuseReads = new AtomicBoolean();
  final AtomicInteger commits = new AtomicInteger();

  /** The store, counting (or refusing) reads of one job or one task. */
  final Store store =
      (Store)
          Proxy.newProxyInstance(
              Store.class.getClassLoader(),
              new Class<?>[] {Store.class},
              (proxy, method, args) -> {
                if (method.getName().startsWith("commit")) {
                  commits.incrementAndGet();
                }
                if (method.getName().equals("job") || method.getName().equals("task")) {
                  reads.incrementAndGet();
                  if (refuseReads.get()) {
                    throw new IllegalStateException("read of " + method.getName() + " refused");
                  }
                }
                try {
                  return method.invoke(memory, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });

  final Engine engine = Engine.builder(store).build();

  HotPathTest() {
    engine.register(
        Blueprint.builder("one")
            .start("run")
            .dispatch("run", TaskSpec.of("x", Map.of()), Map.of("success", "finished"))
            .build());
    engine.registerWorker(Map.of("worker_id", "w", "supported_tasks", List.of("x")));
  }

  @Test
  void aCreateAnswersFromWhatItCommittedWithoutReadingTheJobBack() {
    refuseReads.set(true); // a read after the commit used to turn a stored job into a 500
    Job job = engine.createJob(NewJob.of("one", Map.of("n", 1L)));
    refuseReads.set(false);
    assertThat(memory.job(job.id())).contains(job);
    assertThat(job.status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);
  }

  @Test
  void aResultForATaskThisEngineLeasedReadsNeitherTheTaskNorTheJob() throws Exception {
    Job job = engine.createJob(NewJob.of("one", Map.of()));
    Task task = engine.poll("w", 1, Duration.ZERO).get(0);
    reads.set(0);
    engine.complete(task.id(), "w", TaskResult.success(Map.of("ok", true)));
    assertThat(reads).hasValue(0);
    assertThat(memory.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void aResultForATaskAFleetDispatcherLeasedAndCarriedReadsNeitherTheTaskNorTheJob() {
    Job job = engine.createJob(NewJob.of("one", Map.of()));
    Task queued = memory.tasksOf(job.id()).get(0);
    // As the robot fleet's dispatcher does: it chooses and leases tasks itself, then carries them.
    List<Task> leased =
        memory.claimTasks(Map.of(queued.id(), "w"), engine.clock().instant().plusSeconds(30));
    engine.carryLeased(leased);
    reads.set(0);
    engine.complete(queued.id(), "w", TaskResult.success(Map.of("ok", true)), null);
    assertThat(reads).hasValue(0);
    assertThat(memory.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void anObservedResultWithoutATraceparentReadsNeitherTheTaskNorTheJobEither() throws Exception {
    engine.addObserver(new EngineObserver() {}); // as in the server, which always has meters
    Job job = engine.createJob(NewJob.of("one", Map.of()));
    Task task = engine.poll("w", 1, Duration.ZERO).get(0);
    reads.set(0);
    engine.complete(task.id(), "w", TaskResult.success(Map.of("ok", true)), null);
    assertThat(reads).hasValue(0);
    assertThat(memory.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void aStaleCarriedCopyIsCaughtByTheCommitAndTheResultRefusedAsBefore() throws Exception {
    Job job = engine.createJob(NewJob.of("one", Map.of()));
    Task task = engine.poll("w", 1, Duration.ZERO).get(0);
    // Another node (here: another engine on the same store) cancels the job meanwhile.
    Engine other = Engine.builder(store).build();
    other.cancel(job.id());
    assertThatThrownBy(() -> engine.complete(task.id(), "w", TaskResult.success(Map.of())))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("cancelled");
    assertThat(memory.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void aResultFromAnotherWorkerIsRefusedEvenWhenTheLeaseIsCarried() throws Exception {
    engine.createJob(NewJob.of("one", Map.of()));
    Task task = engine.poll("w", 1, Duration.ZERO).get(0);
    assertThatThrownBy(() -> engine.complete(task.id(), "intruder", TaskResult.success(Map.of())))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("leased to worker w, not intruder");
    engine.complete(task.id(), "w", TaskResult.success(Map.of()));
    assertThat(memory.job(task.jobId()).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void manyJobsAreCreatedInOneCommitInTheOrderAsked() {
    AtomicInteger told = new AtomicInteger();
    engine.addListener(j -> told.incrementAndGet());
    commits.set(0);
    List<Job> jobs =
        engine.createJobs(
            List.of(
                NewJob.of("one", Map.of("i", 1L)),
                NewJob.of("one", Map.of("i", 2L)),
                NewJob.of("one", Map.of("i", 3L))));
    assertThat(jobs).extracting(j -> j.initialData().get("i")).containsExactly(1L, 2L, 3L);
    for (Job j : jobs) {
      assertThat(memory.job(j.id())).contains(j);
      assertThat(memory.tasksOf(j.id())).hasSize(1);
    }
    assertThat(commits).hasValue(1);
    assertThat(told).hasValue(3); // each job told to listeners once
  }

  @Test
  void aBulkCreateWithAnUnknownBlueprintStoresNothing() {
    assertThatThrownBy(() ->
            engine.createJobs(List.of(NewJob.of("one", Map.of()), NewJob.of("no-such", Map.of()))))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("no-such");
    assertThat(memory.countJobs().values().stream().mapToLong(Long::longValue).sum()).isZero();
  }
}
