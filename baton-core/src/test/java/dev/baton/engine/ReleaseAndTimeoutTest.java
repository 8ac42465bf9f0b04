package dev.baton.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.RetryPolicy;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task given back by its worker, and a dispatching state's {@code timeout} transition. */
class ReleaseAndTimeoutTest {
  final EngineFixture f = new EngineFixture();

  @Test
  void aReleasedTaskIsQueuedAgainWithoutUsingARetry() throws Exception {
    f.engine.register(
        Blueprint.builder("one")
            .start("run")
            .dispatch("run", TaskSpec.of("x", Map.of()), Map.of("success", "finished"))
            .build());
    f.worker("w1", "x");
    f.worker("w2", "x");
    Job job = f.engine.createJob(NewJob.of("one", Map.of()));
    Task first = f.take("w1");
    f.engine.release(first.id(), "w1", "rejected");
    assertThat(f.engine.task(first.id()).orElseThrow().status()).isEqualTo(TaskStatus.EXPIRED);
    assertThat(f.cancelled).isEmpty(); // the worker gave it back itself: no cancel is sent
    Task again = f.take("w2");
    assertThat(again.attempt()).isEqualTo(1);
    assertThatThrownBy(() -> f.succeed(first, Map.of()))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("is expired");
    f.succeed(again, Map.of());
    Job done = f.engine.job(job.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(done.retryCount()).isZero();
    assertThat(f.engine.history(job.id()).toString())
        .contains("given back by worker w1 (rejected)");
  }

  @Test
  void aTimedOutTaskTakesTheTimeoutTransitionOnceItsRetriesAreUsed() throws Exception {
    f.engine.register(
        Blueprint.builder("t")
            .start("run")
            .dispatch(
                "run",
                TaskSpec.of("x", Map.of())
                    .withTimeout(Duration.ofSeconds(10))
                    .withRetry(RetryPolicy.DEFAULT.withMaxRetries(0)),
                Map.of("success", "finished", "failure", "failed", "timeout", "late"))
            .end("late", JobStatus.FAILED)
            .build());
    f.worker("w1", "x");
    Job job = f.engine.createJob(NewJob.of("t", Map.of()));
    f.take("w1");
    f.clock.advance(Duration.ofSeconds(10));
    assertThat(f.engine.sweep()).isEqualTo(1);
    Job late = f.engine.job(job.id()).orElseThrow();
    assertThat(late.state()).isEqualTo("late");
    assertThat(late.errorMessage()).contains(Engine.TIMED_OUT);
    assertThat(f.cancelled).hasSize(1);
  }

  @Test
  void aFailureStillTakesTheFailureTransition() throws Exception {
    f.engine.register(
        Blueprint.builder("t")
            .start("run")
            .dispatch(
                "run",
                TaskSpec.of("x", Map.of()).withRetry(RetryPolicy.DEFAULT.withMaxRetries(0)),
                Map.of("success", "finished", "failure", "failed", "timeout", "late"))
            .end("late", JobStatus.FAILED)
            .build());
    f.worker("w1", "x");
    Job job = f.engine.createJob(NewJob.of("t", Map.of()));
    Task t = f.take("w1");
    f.engine.complete(
        t.id(), "w1", TaskResult.failure(dev.baton.job.TaskError.transientError("boom")));
    assertThat(f.engine.job(job.id()).orElseThrow().state()).isEqualTo("failed");
  }

  /** A timeout is a flag the engine sets, not a text: a worker quoting it still failed. */
  @Test
  void aFailureWithTheTimeoutsTextIsNoTimeout() throws Exception {
    f.engine.register(
        Blueprint.builder("t")
            .start("run")
            .dispatch(
                "run",
                TaskSpec.of("x", Map.of()).withRetry(RetryPolicy.DEFAULT.withMaxRetries(0)),
                Map.of("success", "finished", "failure", "failed", "timeout", "late"))
            .end("late", JobStatus.FAILED)
            .build());
    f.worker("w1", "x");
    Job job = f.engine.createJob(NewJob.of("t", Map.of()));
    Task t = f.take("w1");
    f.engine.complete(
        t.id(), "w1", TaskResult.failure(dev.baton.job.TaskError.transientError(Engine.TIMED_OUT)));
    assertThat(f.engine.job(job.id()).orElseThrow().state()).isEqualTo("failed");
  }

  @Test
  void aReportedTimeoutTakesTheTimeoutTransition() throws Exception {
    f.engine.register(
        Blueprint.builder("t")
            .start("run")
            .dispatch(
                "run",
                TaskSpec.of("x", Map.of()).withRetry(RetryPolicy.DEFAULT.withMaxRetries(0)),
                Map.of("success", "finished", "failure", "failed", "timeout", "late"))
            .end("late", JobStatus.FAILED)
            .build());
    f.worker("w1", "x");
    Job job = f.engine.createJob(NewJob.of("t", Map.of()));
    Task t = f.take("w1");
    f.engine.complete(t.id(), "w1", TaskResult.failure(dev.baton.job.TaskError.timeout()));
    Job late = f.engine.job(job.id()).orElseThrow();
    assertThat(late.state()).isEqualTo("late");
    assertThat(late.errorMessage()).contains(Engine.TIMED_OUT);
  }
}
