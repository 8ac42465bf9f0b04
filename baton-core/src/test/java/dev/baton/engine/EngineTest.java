package dev.baton.engine;

import static dev.baton.job.JobStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Action;
import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.Choice;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobTransition;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EngineTest {
  EngineFixture f;
  Engine engine;

  @BeforeEach
  void setUp() {
    f = new EngineFixture();
    engine = f.engine;
    engine.register(
        Blueprint.builder("hello")
            .start("greet")
            .dispatch(
                "greet",
                TaskSpec.of("greet", Map.of("who", "world")),
                Map.of("success", "finished", "shy", "quiet"))
            .end("quiet", FAILED)
            .build());
    f.worker("w1", "greet");
  }

  Job job(String id) {
    return engine.job(id).orElseThrow();
  }

  @Test
  void aOneTaskJobRunsToFinishedAndKeepsItsHistory() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of("n", 1L)));
    assertThat(created.status()).isEqualTo(WAITING_FOR_WORKER);
    assertThat(created.awaiting()).isInstanceOf(Wait.OnTask.class);

    Task t = f.take("w1");
    assertThat(t.spec().params()).containsEntry("who", "world");
    assertThat(f.succeed(t, Map.of("greeting", "hi"))).isEqualTo(Receipt.SUCCESS);

    Job done = job(created.id());
    assertThat(done.status()).isEqualTo(FINISHED);
    assertThat(done.state()).isEqualTo("finished");
    assertThat(done.data()).containsEntry("greeting", "hi");
    List<JobTransition> history = engine.history(created.id());
    assertThat(history)
        .extracting(JobTransition::toStatus)
        .containsExactly(WAITING_FOR_WORKER, FINISHED);
    assertThat(history.get(1).fromState()).isEqualTo("greet");
  }

  @Test
  void aDuplicateOrLateResultNeverMovesAJobTwice() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of()));
    Task t = f.take("w1");
    f.succeed(t, Map.of());
    long version = job(created.id()).version();

    assertThatThrownBy(() -> f.succeed(t, Map.of("again", true)))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("late or duplicate")
        .extracting(e -> ((BatonException) e).reason())
        .isEqualTo(BatonException.Reason.CONFLICT);
    assertThat(job(created.id()).version()).isEqualTo(version);
    assertThat(job(created.id()).data()).doesNotContainKey("again");
  }

  @Test
  void aResultFromAnotherWorkerIsRefused() throws Exception {
    engine.createJob(NewJob.of("hello", Map.of()));
    Task t = f.take("w1");
    assertThatThrownBy(() -> engine.complete(t.id(), "w2", TaskResult.success(Map.of())))
        .hasMessageContaining("leased to worker w1, not w2");
  }

  @Test
  void transientFailuresRetryWithBackoffThenQuarantine() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of()));
    for (int attempt = 1; attempt <= 3; attempt++) {
      Task t = f.take("w1");
      assertThat(t.attempt()).isEqualTo(attempt);
      Receipt r =
          engine.complete(t.id(), "w1", TaskResult.failure(TaskError.transientError("boom")));
      assertThat(r).isEqualTo(Receipt.FAILURE);
      assertThat(job(created.id()).status()).isEqualTo(WAITING_FOR_WORKER);
      // The retry is not visible before its backoff delay: 1 s, 2 s, 4 s.
      assertThat(f.nothingFor("w1")).isTrue();
      f.clock.advance(Duration.ofSeconds(1L << (attempt - 1)));
    }
    Task last = f.take("w1");
    engine.complete(last.id(), "w1", TaskResult.failure(TaskError.transientError("boom")));

    Job j = job(created.id());
    assertThat(j.status()).isEqualTo(QUARANTINED);
    assertThat(j.errorMessage()).isEqualTo("Task failed after 4 attempts: boom");
    assertThat(j.retryCount()).isEqualTo(3);
    assertThat(j.failedState()).isEqualTo("greet");
  }

  @Test
  void errorClassesDecideTheOutcome() throws Exception {
    Job permanent = engine.createJob(NewJob.of("hello", Map.of()));
    Task t1 = f.take("w1");
    engine.complete(
        t1.id(), "w1", TaskResult.failure(new TaskError(ErrorCode.PERMANENT_ERROR, "disk gone")));
    assertThat(job(permanent.id()).status()).isEqualTo(QUARANTINED);
    assertThat(job(permanent.id()).errorMessage())
        .isEqualTo("Task failed with permanent error: disk gone");

    Job invalid = engine.createJob(NewJob.of("hello", Map.of()));
    Task t2 = f.take("w1");
    engine.complete(
        t2.id(), "w1", TaskResult.failure(new TaskError(ErrorCode.INVALID_INPUT_ERROR, "no name")));
    assertThat(job(invalid.id()).status()).isEqualTo(FAILED);
    assertThat(job(invalid.id()).errorMessage())
        .isEqualTo("Task failed due to invalid input: no name");

    Job unhandled = engine.createJob(NewJob.of("hello", Map.of()));
    Task t3 = f.take("w1");
    engine.complete(t3.id(), "w1", new TaskResult("sleepy", Map.of(), null));
    assertThat(job(unhandled.id()).status()).isEqualTo(FAILED);
    assertThat(job(unhandled.id()).errorMessage())
        .isEqualTo("Worker returned unhandled status: sleepy");
  }

  @Test
  void aCustomStatusFollowsItsTransitionIntoAnEndState() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of()));
    engine.complete(f.take("w1").id(), "w1", new TaskResult("shy", Map.of(), null));
    assertThat(job(created.id()).status()).isEqualTo(FAILED);
    assertThat(job(created.id()).state()).isEqualTo("quiet");
    assertThat(job(created.id()).failedState()).isEqualTo("greet");
  }

  @Test
  void aDeclaredFailureTransitionHandlesAPermanentError() throws Exception {
    engine.register(
        Blueprint.builder("careful")
            .start("try")
            .dispatch(
                "try",
                TaskSpec.of("greet", Map.of()),
                Map.of("success", "finished", "failure", "apologize"))
            .dispatch("apologize", TaskSpec.of("greet", Map.of()), Map.of("success", "failed"))
            .build());
    Job created = engine.createJob(NewJob.of("careful", Map.of()));
    engine.complete(
        f.take("w1").id(), "w1", TaskResult.failure(new TaskError(ErrorCode.PERMANENT_ERROR, "x")));
    assertThat(job(created.id()).state()).isEqualTo("apologize");
    assertThat(job(created.id()).status()).isEqualTo(WAITING_FOR_WORKER);
  }

  @Test
  void fanOutRunsTheAggregatorExactlyOnceWithEveryBranchKeyedByTaskId() throws Exception {
    int[] aggregations = {0};
    engine.register(
        Blueprint.builder("fan")
            .start("split")
            .parallel(
                "split",
                List.of(
                    TaskSpec.of("greet", Map.of("i", 1L)),
                    TaskSpec.of("greet", Map.of("i", 2L)),
                    TaskSpec.of("greet", Map.of("i", 3L))),
                "join")
            .state(
                "join",
                Set.of("finished"),
                ctx -> {
                  aggregations[0]++;
                  ctx.put("branches", ctx.aggregationResults().size());
                  return Action.goTo("finished");
                })
            .build());
    Job created = engine.createJob(NewJob.of("fan", Map.of()));
    assertThat(created.status()).isEqualTo(WAITING_FOR_PARALLEL_TASKS);
    List<Task> tasks = engine.poll("w1", 10, Duration.ZERO);
    assertThat(tasks).hasSize(3);

    List<Thread> threads =
        tasks.stream()
            .map(t ->
                Thread.ofVirtual()
                    .start(() -> f.succeed(t, Map.of("i", t.spec().params().get("i")))))
            .toList();
    for (Thread th : threads) {
      th.join();
    }

    Job done = job(created.id());
    assertThat(done.status()).isEqualTo(FINISHED);
    assertThat(aggregations[0]).isEqualTo(1);
    assertThat(done.data()).containsEntry("branches", 3);
    assertThat(done.aggregationResults())
        .containsOnlyKeys(tasks.stream().map(Task::id).toArray(String[]::new));
  }

  @Test
  void aTransientBranchFailureRetriesOnlyThatBranch() throws Exception {
    engine.register(
        Blueprint.builder("fan2")
            .start("split")
            .parallel(
                "split",
                List.of(TaskSpec.of("greet", Map.of()), TaskSpec.of("greet", Map.of())),
                "finished")
            .build());
    Job created = engine.createJob(NewJob.of("fan2", Map.of()));
    List<Task> tasks = engine.poll("w1", 10, Duration.ZERO);
    engine.complete(tasks.get(0).id(), "w1", TaskResult.failure(TaskError.transientError("x")));
    f.succeed(tasks.get(1), Map.of());
    assertThat(job(created.id()).status()).isEqualTo(WAITING_FOR_PARALLEL_TASKS);
    f.clock.advance(Duration.ofSeconds(1));
    Task retry = f.take("w1");
    assertThat(retry.attempt()).isEqualTo(2);
    f.succeed(retry, Map.of());
    assertThat(job(created.id()).status()).isEqualTo(FINISHED);
    assertThat(job(created.id()).aggregationResults())
        .containsOnlyKeys(tasks.get(0).id(), tasks.get(1).id());
  }

  @Test
  void aSubFlowResumesItsParentBySuccessOrFailure() throws Exception {
    engine.register(
        Blueprint.builder("parent")
            .start("call")
            .subflow(
                "call",
                "hello",
                ctx -> Map.of("from", ctx.jobId()),
                Map.of("success", "finished", "failure", "recover"))
            .end("recover", FAILED)
            .build());
    Job ok = engine.createJob(NewJob.of("parent", Map.of()));
    assertThat(ok.status()).isEqualTo(WAITING_FOR_SUB_JOB);
    Task t = f.take("w1");
    Job child = job(t.jobId());
    assertThat(child.parentJobId()).isEqualTo(ok.id());
    assertThat(child.initialData()).containsEntry("from", ok.id());
    f.succeed(t, Map.of());
    assertThat(job(ok.id()).status()).isEqualTo(FINISHED);
    assertThat(job(ok.id()).data()).containsKey("sub_job_" + child.id() + "_result");

    Job bad = engine.createJob(NewJob.of("parent", Map.of()));
    Task t2 = f.take("w1");
    engine.complete(
        t2.id(), "w1", TaskResult.failure(new TaskError(ErrorCode.INVALID_INPUT_ERROR, "no")));
    assertThat(job(bad.id()).state()).isEqualTo("recover");
    @SuppressWarnings("unchecked")
    Map<String, Object> summary =
        (Map<String, Object>) job(bad.id()).data().get("sub_job_" + t2.jobId() + "_result");
    assertThat(summary).containsEntry("outcome", "failure").containsEntry("final_state", "greet");
  }

  @Test
  void anApprovalWaitsForADecisionThatIsOneOfItsTransitions() {
    engine.register(
        Blueprint.builder("review")
            .start("ask")
            .approval("ask", "ship it?", Map.of("approve", "finished", "reject", "failed"))
            .build());
    Job created = engine.createJob(NewJob.of("review", Map.of()));
    assertThat(created.status()).isEqualTo(WAITING_FOR_HUMAN);
    assertThatThrownBy(() -> engine.decide(created.id(), "maybe"))
        .hasMessageContaining("decision 'maybe' is not one of");
    assertThat(engine.decide(created.id(), "approve").status()).isEqualTo(FINISHED);
    assertThatThrownBy(() -> engine.decide(created.id(), "approve"))
        .hasMessageContaining("not waiting for a decision");
  }

  @Test
  void aWorkerConfirmingACancelIsAnsweredAsACancelledResultAndChangesNothing() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of()));
    Task t = f.take("w1");
    Job cancelled = engine.cancel(created.id());
    TaskResult ack = new TaskResult(TaskResult.CANCELLED, Map.of(), null);
    assertThat(engine.complete(t.id(), "w1", ack)).isEqualTo(Receipt.CANCELLED);
    assertThat(engine.complete(t.id(), null, ack)).isEqualTo(Receipt.CANCELLED);
    assertThatThrownBy(() -> engine.complete(t.id(), "w2", ack))
        .hasMessageContaining("is cancelled");
    assertThat(engine.job(created.id()).orElseThrow()).isEqualTo(cancelled);
    assertThat(f.store.task(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
  }

  @Test
  void cancellingAJobTellsTheWorkerAndRefusesItsLateResult() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of()));
    Task t = f.take("w1");
    assertThat(engine.cancel(created.id()).status()).isEqualTo(CANCELLED);
    assertThat(f.cancelled).extracting(Task::id).containsExactly(t.id());
    assertThat(f.store.task(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
    assertThatThrownBy(() -> f.succeed(t, Map.of())).hasMessageContaining("cancelled");
    assertThatThrownBy(() -> engine.cancel(created.id())).hasMessageContaining("already cancelled");
  }

  @Test
  void aFailedJobResumesFromTheFailedStepWithCorrectedData() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of("name", "")));
    engine.complete(
        f.take("w1").id(),
        "w1",
        TaskResult.failure(new TaskError(ErrorCode.INVALID_INPUT_ERROR, "empty name")));
    assertThat(job(created.id()).status()).isEqualTo(FAILED);

    Job resumed = engine.resume(created.id(), Map.of(), Map.of("name", "Ada"));
    assertThat(resumed.status()).isEqualTo(WAITING_FOR_WORKER);
    assertThat(resumed.initialData()).containsEntry("name", "Ada");
    assertThat(resumed.errorMessage()).isNull();
    f.succeed(f.take("w1"), Map.of());
    assertThat(job(created.id()).status()).isEqualTo(FINISHED);
    assertThatThrownBy(() -> engine.resume(created.id(), Map.of(), Map.of()))
        .hasMessageContaining("only failed or quarantined jobs can be resumed");
  }

  @Test
  void aFailingHandlerIsRetriedAfterItsDelayThenQuarantined() {
    int[] calls = {0};
    engine.register(
        Blueprint.builder("flaky")
            .start("s")
            .state(
                "s",
                Set.of("finished"),
                ctx -> {
                  calls[0]++;
                  throw new IllegalStateException("not yet");
                })
            .build());
    Job created = engine.createJob(NewJob.of("flaky", Map.of()));
    assertThat(created.status()).isEqualTo(AWAITING_RETRY);
    assertThat(created.errorMessage()).isEqualTo("not yet");
    assertThat(engine.sweep()).isZero(); // not due yet
    for (int i = 0; i < 3; i++) {
      f.clock.advance(Duration.ofSeconds(30));
      assertThat(engine.sweep()).isEqualTo(1);
    }
    assertThat(calls[0]).isEqualTo(4);
    assertThat(job(created.id()).status()).isEqualTo(QUARANTINED);
    assertThat(job(created.id()).errorMessage())
        .isEqualTo("Handler failed after 4 attempts: not yet");
  }

  @Test
  void aTimedOutTaskIsRetriedAndItsWorkerToldToStop() throws Exception {
    engine.register(
        Blueprint.builder("slow")
            .start("s")
            .dispatch(
                "s",
                TaskSpec.of("greet", Map.of()).withTimeout(Duration.ofSeconds(10)),
                Map.of("success", "finished"))
            .build());
    Job created = engine.createJob(NewJob.of("slow", Map.of()));
    Task t = f.take("w1");
    f.clock.advance(Duration.ofSeconds(11));
    assertThat(engine.sweep()).isEqualTo(1);
    assertThat(f.store.task(t.id()).orElseThrow().status()).isEqualTo(TaskStatus.EXPIRED);
    assertThat(f.cancelled).extracting(Task::id).containsExactly(t.id());
    assertThat(job(created.id()).errorMessage()).isEqualTo("Worker task timed out.");
    f.clock.advance(Duration.ofSeconds(1));
    Task retry = f.take("w1");
    assertThat(retry.attempt()).isEqualTo(2);
  }

  @Test
  void aDeadWorkersTaskGoesOutAgainInTheSameAttemptOnceThenFailsTheAttempt() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of()));
    Task t = f.take("w1");
    f.clock.advance(Duration.ofSeconds(121)); // w1 went silent: its lease (120 s) ran out
    assertThat(engine.sweep()).isEqualTo(1);
    Task again = f.take("w1");
    assertThat(again.id()).isNotEqualTo(t.id());
    assertThat(again.attempt()).as("a killed worker costs no retry").isEqualTo(1);
    assertThat(job(created.id()).retryCount()).isZero();
    f.clock.advance(Duration.ofSeconds(121)); // lost again in the same attempt
    assertThat(engine.sweep()).isEqualTo(1);
    f.clock.advance(Duration.ofSeconds(1));
    Task retry = f.take("w1");
    assertThat(retry.attempt()).as("the second loss fails the attempt").isEqualTo(2);
    f.succeed(retry, Map.of());
    assertThat(job(created.id()).status()).isEqualTo(FINISHED);
  }

  @Test
  void aWorkerThatStopsHeartbeatingLosesItsTaskToAnother() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of()));
    Task t = f.take("w1");
    f.clock.advance(Duration.ofSeconds(100));
    f.worker("w2", "greet");
    engine.heartbeat("w2", Map.of());
    f.clock.advance(Duration.ofSeconds(21)); // w1's lease (120 s) ran out; w2 is alive
    assertThat(engine.sweep()).isEqualTo(1);
    f.clock.advance(Duration.ofSeconds(1));
    Task again = f.take("w2");
    assertThat(again.jobId()).isEqualTo(created.id());
    assertThatThrownBy(() -> f.succeed(t, Map.of())).hasMessageContaining("expired");
    f.succeed(again, Map.of());
    assertThat(job(created.id()).status()).isEqualTo(FINISHED);
  }

  @Test
  void heartbeatsKeepLeasesAlive() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of()));
    Task t = f.take("w1");
    for (int i = 0; i < 5; i++) {
      f.clock.advance(Duration.ofSeconds(50));
      engine.heartbeat("w1", Map.of("load", 1L));
    }
    assertThat(engine.sweep()).isZero();
    f.succeed(t, Map.of());
    assertThat(job(created.id()).status()).isEqualTo(FINISHED);
  }

  @Test
  void aPlacedTaskGoesToTheCheapestWorkerAndWaitsWhenNoneFits() throws Exception {
    engine.registerWorker(
        Map.of("worker_id", "dear", "supported_tasks", List.of("render"), "cost_per_second", 0.9));
    engine.registerWorker(
        Map.of("worker_id", "cheap", "supported_tasks", List.of("render"), "cost_per_second", 0.1));
    engine.register(
        Blueprint.builder("render")
            .start("r")
            .dispatch(
                "r",
                TaskSpec.of("render", Map.of()).withStrategy("cheapest"),
                Map.of("success", "finished"))
            .build());
    engine.createJob(NewJob.of("render", Map.of()));
    assertThat(f.nothingFor("dear")).isTrue();
    assertThat(f.take("cheap").workerId()).isEqualTo("cheap");

    engine.register(
        Blueprint.builder("gpu")
            .start("r")
            .dispatch(
                "r",
                TaskSpec.of("render", Map.of())
                    .withRequirements(Map.of("gpu_info", Map.of("vram_gb", 48L))),
                Map.of("success", "finished"))
            .build());
    Job waiting = engine.createJob(NewJob.of("gpu", Map.of()));
    assertThat(waiting.status()).isEqualTo(AWAITING_RETRY);
    assertThat(waiting.errorMessage()).isEqualTo("No suitable workers for task type 'render'");
  }

  @Test
  void chooseTakesTheFirstMatchingBranch() {
    engine.register(
        Blueprint.builder("route")
            .start("pick")
            .choose(
                "pick",
                List.of(
                    Choice.when(
                        ctx -> ctx.initialData().get("n") instanceof Long n && n > 10, "big"),
                    Choice.when(
                        ctx -> ctx.initialData().get("n") instanceof Long n && n > 5, "medium")),
                "finished")
            .end("big", FINISHED)
            .end("medium", FINISHED)
            .build());
    assertThat(engine.createJob(NewJob.of("route", Map.of("n", 7L))).state()).isEqualTo("medium");
    assertThat(engine.createJob(NewJob.of("route", Map.of("n", 70L))).state()).isEqualTo("big");
    assertThat(engine.createJob(NewJob.of("route", Map.of("n", 1L))).state()).isEqualTo("finished");
  }

  @Test
  void aJobKeepsTheBlueprintVersionItStartedWith() throws Exception {
    Job old = engine.createJob(NewJob.of("hello", Map.of()));
    engine.register(
        Blueprint.builder("hello")
            .version(2)
            .start("greet")
            .dispatch("greet", TaskSpec.of("greet", Map.of()), Map.of("success", "failed"))
            .build());
    f.succeed(f.take("w1"), Map.of());
    assertThat(job(old.id()).status()).isEqualTo(FINISHED);
    assertThat(engine.createJob(NewJob.of("hello", Map.of())).blueprintVersion()).isEqualTo(2);
  }

  @Test
  void unknownThingsAreNotFound() {
    assertThatThrownBy(() -> engine.createJob(NewJob.of("nope", Map.of())))
        .hasMessage("blueprint 'nope' is not registered");
    assertThatThrownBy(() -> engine.job("x").orElseThrow()).isNotNull();
    assertThatThrownBy(() -> engine.cancel("x")).hasMessageContaining("Job not found");
    assertThatThrownBy(() -> engine.heartbeat("ghost", Map.of())).hasMessage("Worker not found");
    assertThatThrownBy(() -> engine.registerWorker(Map.of("supported_tasks", List.of())))
        .hasMessage("Missing required field: worker_id");
  }

  @Test
  void aLongPollWakesWhenATaskArrives() throws Exception {
    Thread creator =
        Thread.ofVirtual().unstarted(() -> engine.createJob(NewJob.of("hello", Map.of())));
    var result = new java.util.concurrent.atomic.AtomicReference<List<Task>>();
    Thread poller =
        Thread.ofVirtual()
            .start(() -> {
              try {
                result.set(engine.poll("w1", 1, Duration.ofSeconds(30)));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    creator.start();
    poller.join(Duration.ofSeconds(10));
    assertThat(result.get()).hasSize(1);
  }

  @Test
  void aStateFailureFailsOrQuarantinesAtOnceWithoutRetries() {
    engine.register(
        Blueprint.builder("strict")
            .start("s")
            .state(
                "s",
                Set.of("finished"),
                ctx -> {
                  throw new dev.baton.blueprint.StateFailure(
                      ctx.initialData().containsKey("bad")
                          ? ErrorCode.INVALID_INPUT_ERROR
                          : ErrorCode.PERMANENT_ERROR,
                      "cannot work with this");
                })
            .build());
    Job invalid = engine.createJob(NewJob.of("strict", Map.of("bad", true)));
    assertThat(invalid.status()).isEqualTo(FAILED);
    assertThat(invalid.errorMessage()).isEqualTo("cannot work with this");
    assertThat(invalid.failedState()).isEqualTo("s");
    assertThat(engine.createJob(NewJob.of("strict", Map.of())).status()).isEqualTo(QUARANTINED);
  }

  @Test
  void aJobWithAWebhookOwesANoticeOfItsEndStoredWithTheEnd() throws Exception {
    Job created =
        engine.createJob(
            NewJob.of("hello", Map.of())
                .withAttributes(JobAttributes.NONE.withWebhookUrl("http://x/hook")));
    assertThat(f.store.noticesOf(created.id())).isEmpty();
    f.succeed(f.take("w1"), Map.of("greeting", "hi"));
    assertThat(f.store.noticesOf(created.id()))
        .singleElement()
        .satisfies(n -> {
          assertThat(n.event()).isEqualTo("job_finished");
          assertThat(n.target()).isEqualTo("http://x/hook");
          assertThat(n.payload())
              .containsEntry("job_id", created.id())
              .containsEntry("status", "finished")
              .containsEntry("result", Map.of("greeting", "hi"));
        });

    Job quarantined =
        engine.createJob(
            NewJob.of("hello", Map.of())
                .withAttributes(JobAttributes.NONE.withWebhookUrl("http://x/hook")));
    engine.complete(
        f.take("w1").id(),
        "w1",
        TaskResult.failure(new TaskError(ErrorCode.PERMANENT_ERROR, "broken")));
    assertThat(f.store.noticesOf(quarantined.id()))
        .singleElement()
        .satisfies(n -> {
          assertThat(n.event()).isEqualTo("job_quarantined");
          assertThat(n.payload())
              .containsEntry("error", "Task failed with permanent error: broken");
        });
    Job noHook = engine.createJob(NewJob.of("hello", Map.of()));
    f.succeed(f.take("w1"), Map.of());
    assertThat(f.store.noticesOf(noHook.id())).isEmpty();
  }

  @Test
  void aWorkerThatOnlyPollsStaysAliveAndKeepsItsLease() throws Exception {
    Job created = engine.createJob(NewJob.of("hello", Map.of()));
    Task t = f.take("w1");
    for (int i = 0; i < 5; i++) {
      f.clock.advance(Duration.ofSeconds(50)); // 250 s in all: twice the worker's time to live
      assertThat(engine.poll("w1", 1, Duration.ZERO)).isEmpty();
    }
    assertThat(engine.worker("w1").orElseThrow().isAlive(f.clock.instant())).isTrue();
    assertThat(engine.sweep()).as("no lease ran out").isZero();
    f.succeed(t, Map.of());
    assertThat(job(created.id()).status()).isEqualTo(FINISHED);
  }
}
