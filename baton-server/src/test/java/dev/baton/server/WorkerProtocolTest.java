package dev.baton.server;

import static dev.baton.server.TestServer.TOKEN;
import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.job.JobStatus;
import dev.baton.server.TestServer.Res;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Avtomatika 1.0b7 worker protocol over real HTTP. */
class WorkerProtocolTest {
  private final TestServer t = new TestServer();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void aWorkerRunsAJobFromRegistrationToFinish() {
    Res registered = t.register("w1", "greet");
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.json().path("status").asString()).isEqualTo("registered");

    JsonNode created = t.createJob("hello");
    assertThat(created.path("status").asString()).isEqualTo("waiting_for_worker");
    String jobId = created.path("id").asString();

    Res next = t.next("w1");
    assertThat(next.status()).isEqualTo(200);
    JsonNode task = next.json();
    assertThat(task.path("job_id").asString()).isEqualTo(jobId);
    assertThat(task.path("type").asString()).isEqualTo("greet");
    assertThat(task.path("params").isObject()).isTrue();
    assertThat(task.path("tracing_context").isObject()).isTrue();
    String taskId = task.path("task_id").asString();
    assertThat(created.path("waiting_for").path("task_id").asString()).isEqualTo(taskId);

    Res accepted =
        t.result(
            jobId, taskId, "w1", Map.of("status", "success", "data", Map.of("greeting", "hi")));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    assertThat(accepted.json().path("status").asString()).isEqualTo("result_accepted_success");

    JsonNode done = t.job(jobId);
    assertThat(done.path("status").asString()).isEqualTo("finished");
    assertThat(done.path("state").asString()).isEqualTo("finished");
    assertThat(done.path("state_history").path("greeting").asString()).isEqualTo("hi");
    assertThat(done.path("waiting_for").isNull()).isTrue();
  }

  @Test
  void aResultWithoutStatusIsASuccess() {
    t.register("w1", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();

    Res r = t.result(jobId, taskId, "w1", Map.of("data", Map.of("n", 1)));

    assertThat(r.json().path("status").asString()).isEqualTo("result_accepted_success");
    assertThat(t.job(jobId).path("status").asString()).isEqualTo("finished");
    assertThat(t.job(jobId).path("state_history").path("n").asLong()).isEqualTo(1);
  }

  @Test
  void aLongPollAnswers204WhenNoTaskComesInTime() {
    t.register("w1", "greet");
    long started = System.nanoTime();

    Res r = t.next("w1");

    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void aWaitingLongPollAnswersAsSoonAsAJobIsCreated() {
    try (TestServer slow =
        new TestServer(TestServer.OPTIONS.withPollTimeout(Duration.ofSeconds(20)))) {
      slow.register("w1", "greet");
      CompletableFuture<Res> poll = waitingPoll(slow); // it would wait out its timeout

      String jobId = slow.createJob("hello").path("id").asString();

      // ... and answers well before its timeout once a task exists.
      await().atMost(Duration.ofSeconds(5)).until(poll::isDone);
      Res r = poll.join();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("job_id").asString()).isEqualTo(jobId);
    }
  }

  @Test
  void closingTheServerEndsWaitingLongPollsAtOnce() {
    TestServer slow = new TestServer(TestServer.OPTIONS.withPollTimeout(Duration.ofSeconds(60)));
    slow.register("w1", "greet");
    CompletableFuture<Res> poll = waitingPoll(slow); // it would wait out its timeout
    long started = System.nanoTime();

    slow.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(5)).until(poll::isDone);
    // Either "no task" got out before the connector closed, or the connection was closed; never
    // a 5xx, which a rolling restart would show the worker.
    if (!poll.isCompletedExceptionally()) {
      assertThat(poll.join().status()).isEqualTo(204);
    }
  }

  @Test
  void workerRoutesNeedTheToken() {
    List<String[]> routes =
        List.of(
            new String[] {"POST", "/_worker/workers/register", "{\"worker_id\":\"w1\"}"},
            new String[] {"PATCH", "/_worker/workers/w1", ""},
            new String[] {"GET", "/_worker/workers/w1/tasks/next", null},
            new String[] {"POST", "/_worker/tasks/result", "{\"job_id\":\"j\",\"task_id\":\"t\"}"});
    for (String[] route : routes) {
      Res missing = t.send(route[0], route[1], route[2]);
      assertThat(missing.status()).as(route[1]).isEqualTo(401);
      assertThat(missing.error()).isEqualTo("Missing X-Worker-Token header");

      Res wrong = t.send(route[0], route[1], route[2], "X-Worker-Token", "nope");
      assertThat(wrong.status()).as(route[1]).isEqualTo(401);
      // Avtomatika's words depend on whether the request names a worker (a result names none).
      assertThat(wrong.error())
          .isEqualTo(
              route[1].endsWith("/result")
                  ? "Unauthorized: Invalid token or missing worker_id"
                  : "Unauthorized: No valid token found");
    }
    assertThat(t.engine.workers()).isEmpty();
  }

  @Test
  void registerNeedsAWorkerIdAndJson() {
    Res noId = t.worker("POST", "/_worker/workers/register", "{\"supported_tasks\":[\"greet\"]}");
    assertThat(noId.status()).isEqualTo(400);
    assertThat(noId.error()).isEqualTo("Missing required field: worker_id");

    Res badJson = t.worker("POST", "/_worker/workers/register", "{\"worker_id\":");
    assertThat(badJson.status()).isEqualTo(400);
    assertThat(badJson.error()).isEqualTo("Invalid JSON body");

    Res notAnObject = t.worker("POST", "/_worker/workers/register", "[1,2]");
    assertThat(notAnObject.status()).isEqualTo(400);
  }

  @Test
  void aHeartbeatWithoutJsonOnlyRefreshesTheTtl() {
    t.register("w1", "greet");
    for (String body : new String[] {null, "", "not json", "{}"}) {
      Res r = t.worker("PATCH", "/_worker/workers/w1", body);
      assertThat(r.status()).as(String.valueOf(body)).isEqualTo(200);
      assertThat(r.json().path("status").asString()).isEqualTo("ttl_refreshed");
    }
  }

  @Test
  void aHeartbeatWithJsonMergesIntoTheWorker() {
    t.register("w1", "greet");

    Res r = t.worker("PATCH", "/_worker/workers/w1", "{\"status\":\"busy\",\"load\":3}");

    assertThat(r.status()).isEqualTo(200);
    JsonNode w = r.json();
    assertThat(w.path("worker_id").asString()).isEqualTo("w1");
    assertThat(w.path("status").asString()).isEqualTo("busy");
    assertThat(w.path("load").asLong()).isEqualTo(3);
    assertThat(w.path("supported_tasks").get(0).asString()).isEqualTo("greet");
    assertThat(t.engine.worker("w1").orElseThrow().status()).isEqualTo("busy");
  }

  @Test
  void aHeartbeatForAnUnknownWorkerIs404() {
    Res empty = t.worker("PATCH", "/_worker/workers/ghost", null);
    assertThat(empty.status()).isEqualTo(404);
    assertThat(empty.error()).isEqualTo("Worker not found");

    Res merge = t.worker("PATCH", "/_worker/workers/ghost", "{\"load\":1}");
    assertThat(merge.status()).isEqualTo(404);
    assertThat(merge.error()).isEqualTo("Worker not found");
  }

  @Test
  void aLongPollOfAnUnknownWorkerWaitsAndIs204AsUpstream() {
    Res r = t.next("ghost");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void aResultNeedsJobIdAndTaskId() {
    for (String body :
        new String[] {
          "{\"task_id\":\"t\",\"worker_id\":\"w1\"}",
          "{\"job_id\":\"j\",\"worker_id\":\"w1\"}",
          "{\"job_id\":\"\",\"task_id\":\"t\"}",
          "{}"
        }) {
      Res r = t.worker("POST", "/_worker/tasks/result", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.error()).isEqualTo("job_id and task_id are required");
    }
  }

  @Test
  void aResultWithWrongTypesIs400NamingTheField() {
    Map<String, String> cases =
        Map.of(
            "{\"job_id\":1,\"task_id\":\"t\"}", "field 'job_id' must be a string",
            "{\"job_id\":\"j\",\"task_id\":\"t\",\"result\":[]}",
                "field 'result' must be a JSON object",
            "{\"job_id\":\"j\",\"task_id\":\"t\",\"result\":{\"status\":7}}",
                "field 'result.status' must be a string",
            "{\"job_id\":\"j\",\"task_id\":\"t\",\"result\":{\"data\":\"x\"}}",
                "field 'result.data' must be a JSON object",
            "{\"job_id\":\"j\",\"task_id\":\"t\",\"result\":{\"error\":5}}",
                "field 'result.error' must be an object {\"code\", \"message\"} or a string");
    cases.forEach((body, message) -> {
      Res r = t.worker("POST", "/_worker/tasks/result", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.error()).isEqualTo(message);
    });
  }

  @Test
  void aResultForAnUnknownJobOrTaskIs404() {
    Res unknownJob = t.result("nope", "t", "w1", Map.of("status", "success"));
    assertThat(unknownJob.status()).isEqualTo(404);
    assertThat(unknownJob.error()).isEqualTo("Job not found");

    t.register("w1", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    Res unknownTask = t.result(jobId, "nope", "w1", Map.of("status", "success"));
    assertThat(unknownTask.status()).isEqualTo(404);
    assertThat(unknownTask.error()).contains("nope");
  }

  @Test
  void aDuplicateResultIs409AndDoesNotMoveTheJobTwice() {
    t.register("w1", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();
    assertThat(t.result(jobId, taskId, "w1", Map.of("status", "success")).status()).isEqualTo(200);
    int transitions = t.engine.history(jobId).size();

    Res again =
        t.result(jobId, taskId, "w1", Map.of("status", "success", "data", Map.of("x", "late")));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).contains(taskId).contains("late or duplicate");
    assertThat(t.engine.history(jobId)).hasSize(transitions);
    assertThat(t.job(jobId).path("state_history").has("x")).isFalse();
  }

  @Test
  void aResultForATaskLeasedToAnotherWorkerIs409() {
    t.register("w1", "greet");
    t.register("w2", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();

    Res r = t.result(jobId, taskId, "w2", Map.of("status", "success"));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).contains("leased to worker w1");
    assertThat(t.engine.job(jobId).orElseThrow().status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);
  }

  @Test
  void aWorkerWithItsOwnTokenCannotReportForAnother() {
    WorkerAuth individual =
        (token, workerId) ->
            token.equals("w1-secret")
                ? new WorkerAuth.Verdict.Individual("w1")
                : new WorkerAuth.Verdict.Refused("Unauthorized: Invalid individual worker token");
    try (TestServer own = new TestServer(TestServer.OPTIONS.withWorkerAuth(individual))) {
      Res reg =
          own.send(
              "POST",
              "/_worker/workers/register",
              json(Map.of("worker_id", "w1", "supported_tasks", List.of("greet"))),
              "X-Worker-Token",
              "w1-secret");
      assertThat(reg.status()).isEqualTo(200);
      String jobId = own.createJob("hello").path("id").asString();
      String taskId =
          own.send(
                  "GET",
                  "/_worker/workers/w1/tasks/next",
                  (String) null,
                  "X-Worker-Token",
                  "w1-secret")
              .json()
              .path("task_id")
              .asString();

      Res forOther =
          own.send(
              "POST",
              "/_worker/tasks/result",
              json(
                  Map.of(
                      "job_id", jobId, "task_id", taskId, "worker_id", "w2", "result", Map.of())),
              "X-Worker-Token",
              "w1-secret");
      assertThat(forOther.status()).isEqualTo(403);
      assertThat(forOther.error())
          .isEqualTo(
              "Forbidden: Authenticated worker 'w1' cannot submit results for another worker 'w2'.");

      Res pollAsOther =
          own.send(
              "GET",
              "/_worker/workers/w2/tasks/next",
              (String) null,
              "X-Worker-Token",
              "w1-secret");
      assertThat(pollAsOther.status()).isEqualTo(403);

      Res refused =
          own.send("GET", "/_worker/workers/w1/tasks/next", (String) null, "X-Worker-Token", "bad");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.error()).isEqualTo("Unauthorized: Invalid individual worker token");

      // Without worker_id the result counts as the authenticated worker's.
      Res own1 =
          own.send(
              "POST",
              "/_worker/tasks/result",
              json(Map.of("job_id", jobId, "task_id", taskId, "result", Map.of())),
              "X-Worker-Token",
              "w1-secret");
      assertThat(own1.status()).as(own1.body()).isEqualTo(200);
    }
  }

  @Test
  void aPermanentErrorQuarantinesTheJob() {
    String jobId = failWith(Map.of("code", "PERMANENT_ERROR", "message", "disk on fire"));
    JsonNode job = t.job(jobId);
    assertThat(job.path("status").asString()).isEqualTo("quarantined");
    assertThat(job.path("error_message").asString())
        .isEqualTo("Task failed with permanent error: disk on fire");
    assertThat(job.path("failed_state").asString()).isEqualTo("greet");
  }

  @Test
  void anInvalidInputErrorFailsTheJob() {
    String jobId = failWith(Map.of("code", "INVALID_INPUT_ERROR", "message", "no name"));
    JsonNode job = t.job(jobId);
    assertThat(job.path("status").asString()).isEqualTo("failed");
    assertThat(job.path("error_message").asString())
        .isEqualTo("Task failed due to invalid input: no name");
  }

  @Test
  void aStringErrorIsTransientAndRetried() {
    String jobId = failWith("flaky network");
    JsonNode job = t.job(jobId);
    assertThat(job.path("status").asString()).isEqualTo("waiting_for_worker");
    assertThat(job.path("retry_count").asInt()).isEqualTo(1);
    assertThat(job.path("error_message").asString()).isEqualTo("flaky network");
    assertThat(t.engine.tasks(jobId)).hasSize(2);
  }

  @Test
  void anUnknownErrorCodeIsTransient() {
    String jobId = failWith(Map.of("code", "SOMETHING_ELSE", "message", "hm"));
    assertThat(t.job(jobId).path("status").asString()).isEqualTo("waiting_for_worker");
  }

  private String failWith(Object error) {
    t.register("w1", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();
    Res r = t.result(jobId, taskId, "w1", Map.of("status", "failure", "error", error));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("status").asString()).isEqualTo("result_accepted_failure");
    return jobId;
  }

  @Test
  void aCancelledResultCancelsTheJob() {
    t.register("w1", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();

    Res r = t.result(jobId, taskId, "w1", Map.of("status", "cancelled"));

    assertThat(r.json().path("status").asString()).isEqualTo("result_accepted_cancelled");
    assertThat(t.job(jobId).path("status").asString()).isEqualTo("cancelled");
  }

  @Test
  void anUnhandledStatusIsAcceptedAsSuccessButFailsTheJob() {
    t.register("w1", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();

    Res r = t.result(jobId, taskId, "w1", Map.of("status", "weird"));

    assertThat(r.json().path("status").asString()).isEqualTo("result_accepted_success");
    JsonNode job = t.job(jobId);
    assertThat(job.path("status").asString()).isEqualTo("failed");
    assertThat(job.path("error_message").asString())
        .isEqualTo("Worker returned unhandled status: weird");
  }

  @Test
  void parallelBranchResultsAreAcceptedAsBranches() {
    t.register("w1", "greet");
    JsonNode created = t.createJob("fan");
    String jobId = created.path("id").asString();
    assertThat(created.path("status").asString()).isEqualTo("waiting_for_parallel_tasks");
    assertThat(created.path("waiting_for").path("kind").asString()).isEqualTo("branches");
    assertThat(created.path("waiting_for").path("pending")).hasSize(2);

    for (int i = 0; i < 2; i++) {
      String taskId = t.next("w1").json().path("task_id").asString();
      Res r = t.result(jobId, taskId, "w1", Map.of("data", Map.of("i", i)));
      assertThat(r.json().path("status").asString()).isEqualTo("parallel_branch_result_accepted");
    }
    JsonNode done = t.job(jobId);
    assertThat(done.path("status").asString()).isEqualTo("finished");
    assertThat(done.path("aggregation_results").size()).isEqualTo(2);
  }

  /** A long-poll by worker w1 that is still waiting, as shown by its not answering for 300 ms. */
  private static CompletableFuture<Res> waitingPoll(TestServer server) {
    CompletableFuture<Res> poll =
        server.sendAsync(
            "GET",
            "/_worker/workers/w1/tasks/next",
            BodyPublishers.noBody(),
            "X-Worker-Token",
            TOKEN);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !poll.isDone());
    return poll;
  }
}
