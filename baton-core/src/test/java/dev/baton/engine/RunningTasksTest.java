package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.internal.Holdings;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code running_tasks} a worker names on registration and heartbeat: a lease it does not name
 * goes out again at once (no retry used), but not one a poll may still be handing over.
 */
class RunningTasksTest {
  final EngineFixture f = new EngineFixture();

  @BeforeEach
  void blueprint() {
    f.engine.register(
        Blueprint.builder("one")
            .start("run")
            .dispatch("run", TaskSpec.of("x", Map.of()), Map.of("success", "finished"))
            .build());
    f.worker("w1", "x");
  }

  @Test
  void aReRegistrationGivesBackEveryLeaseItDoesNotName() throws Exception {
    Job a = f.engine.createJob(NewJob.of("one", Map.of()));
    Job b = f.engine.createJob(NewJob.of("one", Map.of()));
    Task kept = f.take("w1");
    Task lost = f.take("w1");

    f.engine.registerWorker(
        Map.of(
            "worker_id",
            "w1",
            "supported_tasks",
            List.of("x"),
            "running_tasks",
            List.of(kept.id())));

    assertThat(f.engine.task(kept.id()).orElseThrow().status()).isEqualTo(TaskStatus.LEASED);
    assertThat(f.engine.task(lost.id()).orElseThrow().status()).isEqualTo(TaskStatus.EXPIRED);
    Task again = f.take("w1");
    assertThat(again.jobId()).isEqualTo(lost.jobId());
    assertThat(again.attempt()).isEqualTo(1);
    assertThat(f.engine.job(lost.jobId()).orElseThrow().retryCount()).isZero();
    assertThat(f.engine.workers().get(0).info()).doesNotContainKey(Holdings.FIELD);
    assertThat(List.of(a.id(), b.id())).contains(lost.jobId());
  }

  @Test
  void aHeartbeatGivesBackAnUnnamedLeaseOnlyAfterTheGrace() throws Exception {
    f.engine.createJob(NewJob.of("one", Map.of()));
    Task t = f.take("w1");

    // Just leased: the poll's answer may still be on its way, so a heartbeat that cannot name it
    // yet leaves it (and the next one, within the grace, too).
    f.engine.heartbeat("w1", Map.of("running_tasks", List.of()));
    f.clock.advance(Holdings.GRACE.minusMillis(1));
    f.engine.heartbeat("w1", Map.of("running_tasks", List.of()));
    assertThat(f.engine.task(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.LEASED);

    f.clock.advance(Duration.ofMillis(1));
    f.engine.heartbeat("w1", Map.of("running_tasks", List.of()));
    assertThat(f.engine.task(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.EXPIRED);
    assertThat(f.take("w1").jobId()).isEqualTo(t.jobId());
  }

  @Test
  void aNamedLeaseStaysAndAHeartbeatWithoutTheListChangesNothing() throws Exception {
    Job job = f.engine.createJob(NewJob.of("one", Map.of()));
    Task t = f.take("w1");
    f.engine.heartbeat("w1", Map.of("running_tasks", List.of()));
    f.clock.advance(Duration.ofSeconds(10));
    f.engine.heartbeat("w1", Map.of("running_tasks", List.of(t.id())));
    f.clock.advance(Duration.ofSeconds(10));
    f.engine.heartbeat("w1", Map.of("running_tasks", List.of(t.id())));
    f.engine.heartbeat("w1", Map.of("load", 1)); // an Avtomatika worker's heartbeat
    f.clock.advance(Duration.ofSeconds(10));
    f.engine.heartbeat("w1", Map.of());
    assertThat(f.engine.task(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.LEASED);
    f.succeed(t, Map.of());
    assertThat(f.engine.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void afterARestartTheFirstHeartbeatGivesBackALeaseTakenBeforeIt() throws Exception {
    f.engine.createJob(NewJob.of("one", Map.of()));
    Task t = f.take("w1");
    f.clock.advance(Duration.ofSeconds(1));
    // A new engine on the same store: the process that leased the task is gone with its answer.
    Engine restarted = Engine.builder(f.store).clock(f.clock).build();
    restarted.heartbeat("w1", Map.of("running_tasks", List.of()));
    assertThat(restarted.task(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.EXPIRED);
    List<Task> again = restarted.poll("w1", 1, Duration.ZERO);
    assertThat(again).singleElement().extracting(Task::jobId).isEqualTo(t.jobId());
    restarted.close();
  }

  @Test
  void aTaskCancelledOnAnotherNodeIsCancelledAgainHereAtTheWorkersNextHeartbeat() throws Exception {
    Job job = f.engine.createJob(NewJob.of("one", Map.of()));
    Task running = f.take("w1");
    // Another node on the same store cancels the job: its channel cannot reach a worker here.
    List<Task> toldThere = new java.util.ArrayList<>();
    Engine other = Engine.builder(f.store).clock(f.clock).workerChannel(toldThere::add).build();
    other.cancel(job.id());
    assertThat(f.cancelled).isEmpty();

    f.engine.heartbeat("w1", Map.of("running_tasks", List.of(running.id())));

    assertThat(f.cancelled).extracting(Task::id).containsExactly(running.id());
    // A task the worker no longer names, or one that ended otherwise, is not cancelled again.
    f.engine.heartbeat("w1", Map.of("running_tasks", List.of()));
    assertThat(f.cancelled).hasSize(1);
  }
}
