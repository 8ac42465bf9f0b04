package dev.baton.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.Engine;
import dev.baton.engine.EngineOptions;
import dev.baton.engine.NewJob;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobClient;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.RetryPolicy;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.job.Wait;
import dev.baton.store.InMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loaded files in a real engine: a worker polls, completes, and the job walks the file's states.
 */
class EndToEndTest {
  private Engine engine;

  @BeforeEach
  void setUp() {
    // No handler retries: a handler failure quarantines the job at once, so tests need no clock.
    engine =
        Engine.builder(new InMemoryStore())
            .options(EngineOptions.DEFAULTS.withRetry(RetryPolicy.DEFAULT.withMaxRetries(0)))
            .build();
    BlueprintFiles.Loaded loaded = BlueprintFiles.loadFolder(Examples.folder());
    assertThat(loaded.problems()).isEmpty();
    loaded.blueprints().forEach(engine::register);
    engine.registerWorker(
        Map.of(
            "worker_id", "w1",
            "supported_tasks",
                List.of("validate_order", "pack", "label", "send_email", "pick", "greet"),
            "installed_models", List.of(Map.of("name", "picker"))));
  }

  private Task poll(String type) throws InterruptedException {
    List<Task> got = engine.poll("w1", 1, Duration.ZERO);
    assertThat(got).as("a %s task for the worker", type).hasSize(1);
    assertThat(got.get(0).type()).isEqualTo(type);
    return got.get(0);
  }

  private List<Task> pollAll(int n) throws InterruptedException {
    List<Task> got = engine.poll("w1", n, Duration.ZERO);
    assertThat(got).hasSize(n);
    return got;
  }

  private void succeed(Task t, Map<String, Object> data) {
    engine.complete(t.id(), "w1", TaskResult.success(data));
  }

  private Job job(String id) {
    return engine.job(id).orElseThrow();
  }

  private List<String> statesVisited(String jobId) {
    List<String> states = new ArrayList<>();
    for (JobTransition t : engine.history(jobId)) {
      if (states.isEmpty() || !states.get(states.size() - 1).equals(t.toState())) {
        states.add(t.toState());
      }
    }
    return states;
  }

  private Job newOrder(int orderId) {
    return engine.createJob(
        NewJob.of("order_processing", Map.of("order_id", orderId, "email", "ada@example.com"))
            .withAttributes(JobAttributes.NONE.withClient(new JobClient(null, null, "pro", null))));
  }

  /** Ships the order and runs the notify_customer sub-flow to its end. */
  private void shipAndNotify(String jobId) throws InterruptedException {
    assertThat(job(jobId).status()).isEqualTo(JobStatus.WAITING_FOR_PARALLEL_TASKS);
    List<Task> branches = pollAll(2);
    assertThat(branches).extracting(Task::type).containsExactlyInAnyOrder("pack", "label");
    for (Task t : branches) {
      succeed(t, Map.of("done", t.type()));
    }
    assertThat(job(jobId).status()).isEqualTo(JobStatus.WAITING_FOR_SUB_JOB);
    Task email = poll("send_email");
    assertThat(email.spec().params())
        .isEqualTo(Map.of("to", "ada@example.com", "subject", "Your order 7 is on its way"));
    succeed(email, Map.of("sent", true));
  }

  @Test
  void aBigOrderWaitsForApprovalThenFinishes() throws Exception {
    Job created = newOrder(7);
    assertThat(created.status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);

    Task validate = poll("validate_order");
    assertThat(validate.spec().params())
        .isEqualTo(Map.of("order_id", 7L, "note", "order 7 from pro", "fixed", 3L));
    assertThat(validate.spec().priority()).isEqualTo(5);
    succeed(validate, Map.of("amount", 1500));

    Job waiting = job(created.id());
    assertThat(waiting.state()).isEqualTo("review");
    assertThat(waiting.status()).isEqualTo(JobStatus.WAITING_FOR_HUMAN);
    engine.decide(created.id(), "approve");

    shipAndNotify(created.id());

    Job done = job(created.id());
    assertThat(done.status()).isEqualTo(JobStatus.FINISHED);
    assertThat(done.state()).isEqualTo("finished");
    assertThat(statesVisited(created.id()))
        .containsSubsequence(
            "validate", "route", "review", "ship", "summarize", "notify", "finished");
    assertThat(done.data()).containsEntry("amount", 1500);
    assertThat(done.data().entrySet())
        .anySatisfy(e -> {
          assertThat(e.getKey()).startsWith("sub_job_");
          assertThat(e.getValue()).isEqualTo(subJobSummary());
        });
    assertThat(done.aggregationResults()).hasSize(2);
  }

  private static Map<String, Object> subJobSummary() {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("outcome", "success");
    m.put("final_state", "finished");
    m.put("error_message", null);
    return m;
  }

  @Test
  void aSmallOrderSkipsTheApproval() throws Exception {
    Job created = newOrder(7);
    succeed(poll("validate_order"), Map.of("amount", 50));

    shipAndNotify(created.id());

    assertThat(job(created.id()).status()).isEqualTo(JobStatus.FINISHED);
    assertThat(statesVisited(created.id())).doesNotContain("review").contains("route", "ship");
  }

  @Test
  void aFraudulentOrderIsRejected() throws Exception {
    Job created = newOrder(7);
    succeed(poll("validate_order"), Map.of("amount", 50, "fraud", true));

    Job rejected = job(created.id());
    assertThat(rejected.status()).isEqualTo(JobStatus.FAILED);
    assertThat(rejected.state()).isEqualTo("rejected");
  }

  @Test
  void aWorkerStatusPicksTheTransition() throws Exception {
    Job created = newOrder(7);
    engine.complete(
        poll("validate_order").id(), "w1", new TaskResult("needs_review", Map.of(), null));
    assertThat(job(created.id()).state()).isEqualTo("review");
    assertThat(job(created.id()).awaiting())
        .isEqualTo(
            new Wait.OnHuman(
                "Approve order 7 of an unknown amount?",
                Map.of("approve", "ship", "reject", "rejected")));
    engine.decide(created.id(), "reject");
    assertThat(job(created.id()).status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void forEachRunsOneTaskPerItemAndChecksTheResults() throws Exception {
    Job ok =
        engine.createJob(
            NewJob.of(
                "batch_picking",
                Map.of(
                    "batch",
                    "B1",
                    "items",
                    List.of(Map.of("sku", "A", "qty", 2), Map.of("sku", "B")))));
    assertThat(ok.status()).isEqualTo(JobStatus.WAITING_FOR_PARALLEL_TASKS);
    List<Task> picks = pollAll(2);
    assertThat(picks)
        .extracting(t -> t.spec().params().get("sku"))
        .containsExactlyInAnyOrder("A", "B");
    picks.forEach(t -> succeed(t, Map.of("picked", t.spec().params().get("qty"))));
    assertThat(job(ok.id()).status()).isEqualTo(JobStatus.FINISHED);
    assertThat(job(ok.id()).aggregationResults()).hasSize(2);

    Job bad =
        engine.createJob(
            NewJob.of(
                "batch_picking", Map.of("batch", "B2", "items", List.of(Map.of("sku", "C")))));
    Task pick = poll("pick");
    engine.complete(
        pick.id(),
        "w1",
        TaskResult.failure(new TaskError(ErrorCode.PERMANENT_ERROR, "shelf empty")));
    Job failed = job(bad.id());
    assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
    assertThat(statesVisited(bad.id())).containsSubsequence("pick_all", "check", "failed");
  }

  @Test
  void theGettingStartedExampleRuns() throws Exception {
    Engine fresh = Engine.builder(new InMemoryStore()).build();
    BlueprintFiles.Loaded loaded = BlueprintFiles.loadFolder(Examples.gettingStarted());
    assertThat(loaded.problems()).isEmpty();
    loaded.blueprints().forEach(fresh::register);
    fresh.registerWorker(Map.of("worker_id", "w1", "supported_tasks", List.of("greet")));

    Job job = fresh.createJob(NewJob.of("hello", Map.of("name", "Ada")));
    Task greet = fresh.poll("w1", 1, Duration.ZERO).get(0);
    assertThat(greet.spec().params()).isEqualTo(Map.of("name", "Ada", "greeting", "Hello, Ada!"));
    fresh.complete(greet.id(), "w1", TaskResult.success(Map.of("said", "Hello, Ada!")));
    assertThat(fresh.job(job.id()).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void aTemplateThatFailsFailsTheJobAtOnceResumableFromThatState() {
    Job created = engine.createJob(NewJob.of("order_processing", Map.of("email", "x@example.com")));
    Job stuck = job(created.id());
    assertThat(stuck.status()).isEqualTo(JobStatus.FAILED);
    assertThat(stuck.retryCount()).isZero();
    assertThat(stuck.failedState()).isEqualTo("validate");
    assertThat(stuck.errorMessage())
        .contains("dispatch.params.order_id: expression 'initial_data.order_id' failed")
        .contains("key 'order_id' is not present in map");
  }

  @Test
  void avtomatikaStyleConditionsWorkUnchanged() throws Exception {
    BlueprintFiles.Loaded l =
        BlueprintFiles.parse(
            "legacy.yaml",
            """
            name: legacy
            start: check
            states:
              check:
                dispatch: { task: validate_order, params: "${initial_data}" }
                on: { success: decide }
              decide:
                choose:
                  - { when: "context.initial_data.amount > 100", goto: big }
                  - { when: "context.state_history.level == 'gold'", goto: gold }
                default: finished
              big: { end: finished }
              gold: { end: cancelled }
            """);
    assertThat(l.problems()).isEmpty();
    engine.register(l.blueprints().get(0));

    Job big = engine.createJob(NewJob.of("legacy", Map.of("amount", 500)));
    succeed(poll("validate_order"), Map.of());
    assertThat(statesVisited(big.id())).endsWith("big");

    Job gold = engine.createJob(NewJob.of("legacy", Map.of("amount", 5)));
    succeed(poll("validate_order"), Map.of("level", "gold"));
    assertThat(job(gold.id()).status()).isEqualTo(JobStatus.CANCELLED);

    Job plain = engine.createJob(NewJob.of("legacy", Map.of()));
    succeed(poll("validate_order"), Map.of());
    assertThat(job(plain.id()).state()).isEqualTo("finished");
  }
}
