package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.TaskSpec;
import dev.baton.server.TestServer.Res;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Where Baton's Avtomatika face used to differ from Avtomatika 1.0b7 itself, call by call (issue
 * 15): each test pins upstream's answer, read from its source at 8812fbb ({@code api/handlers.py},
 * {@code security.py}, {@code executor.py}, {@code storage/*.py}).
 */
class AvtomatikaExactTest {
  final TestServer t = new TestServer();

  {
    t.engine.register(
        Blueprint.builder("greeter")
            .api("v1", "/jobs/greet")
            .start("greet")
            .dispatch(
                "greet",
                TaskSpec.of("greet", Map.of()),
                Map.of("success", "finished", "failure", "failed"))
            .build());
    t.engine.register(
        Blueprint.builder("parent")
            .api("v1", "/jobs/parent")
            .start("call")
            .subflow("call", "hello", ctx -> Map.of(), Map.of("success", "finished"))
            .build());
  }

  @AfterEach
  void close() {
    t.close();
  }

  private String create(String path, String body) {
    Res r = t.post(path, body);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().path("job_id").asString();
  }

  private JsonNode take(String worker) {
    Res r = t.next(worker);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aSubJobDoesNotInheritItsParentsWebhook() {
    String parent = create("/api/v1/jobs/parent", "{\"webhook_url\":\"https://hooks.example/p\"}");
    JsonNode view = t.job(parent);
    assertThat(view.path("webhook_url").asString()).isEqualTo("https://hooks.example/p");
    String child = view.path("child_job_id").asString();
    assertThat(t.job(child).path("webhook_url").isNull()).isTrue();
    assertThat(t.job(child).path("parent_job_id").asString()).isEqualTo(parent);
  }

  @Test
  void aLongPollByAWorkerThatNeverRegisteredAnswers204() {
    Res r = t.next("never-registered");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void aWorkerCarriesAReputationOfOne() {
    t.register("w1", "greet");
    JsonNode workers = t.get("/api/v1/workers").json();
    assertThat(workers)
        .singleElement()
        .satisfies(w -> {
          assertThat(w.path("reputation").isNumber()).isTrue();
          assertThat(w.path("reputation").asDouble()).isEqualTo(1.0);
        });
    Res patched = t.worker("PATCH", "/_worker/workers/w1", "{\"load\":1}");
    assertThat(patched.json().path("reputation").asDouble()).isEqualTo(1.0);
    // A reputation the worker gives is kept as given.
    t.worker(
        "POST",
        "/_worker/workers/register",
        json(Map.of("worker_id", "w2", "supported_tasks", List.of("greet"), "reputation", 0.5)));
    assertThat(t.get("/api/v1/workers").json().findValues("reputation").toString()).contains("0.5");
  }

  @Test
  void aResultWithAnUnhandledStatusDoesNotMergeItsData() {
    String id = create("/api/v1/jobs/greet", "{}");
    t.register("w1", "greet");
    JsonNode task = take("w1");
    Res r =
        t.result(
            id,
            task.path("task_id").asString(),
            "w1",
            Map.of("status", "weird", "data", Map.of("leak", true)));
    assertThat(r.json().path("status").asString()).isEqualTo("result_accepted_success");
    JsonNode job = t.job(id);
    assertThat(job.path("status").asString()).isEqualTo("failed");
    assertThat(job.path("error_message").asString())
        .isEqualTo("Worker returned unhandled status: weird");
    assertThat(job.path("state_history").has("leak")).isFalse();
  }

  @Test
  void aggregationResultsFillAsEachBranchEndsAndAFailedBranchGainsNoData() {
    String id = t.createJob("fan").path("id").asString();
    t.register("w1", "greet");
    JsonNode first = take("w1");
    JsonNode second = take("w1");
    Map<String, Object> failure =
        Map.of("status", "failure", "error", Map.of("code", "PERMANENT_ERROR", "message", "no"));
    Res r = t.result(id, first.path("task_id").asString(), "w1", failure);
    assertThat(r.json().path("status").asString()).isEqualTo("parallel_branch_result_accepted");

    JsonNode midway = t.job(id);
    assertThat(midway.path("status").asString()).isEqualTo("waiting_for_parallel_tasks");
    JsonNode failed = midway.path("aggregation_results").path(first.path("task_id").asString());
    assertThat(JsonNodeFields.names(failed)).containsExactly("status", "error");
    assertThat(failed.path("error").path("code").asString()).isEqualTo("PERMANENT_ERROR");
    assertThat(midway.path("active_branches")).hasSize(1);

    t.result(
        id,
        second.path("task_id").asString(),
        "w1",
        Map.of("status", "success", "data", Map.of("n", 2)));
    JsonNode done = t.job(id);
    assertThat(done.path("status").asString()).isEqualTo("finished");
    assertThat(done.path("aggregation_results").size()).isEqualTo(2);
    assertThat(
            done.path("aggregation_results")
                .path(second.path("task_id").asString())
                .path("data")
                .path("n")
                .asInt())
        .isEqualTo(2);
    // Upstream keeps the wait's fields when it ends: the target, and no branch left active.
    assertThat(done.path("aggregation_target").asString()).isEqualTo("finished");
    assertThat(done.path("active_branches").isArray()).isTrue();
    assertThat(done.path("active_branches")).isEmpty();
  }

  @Test
  void afterATaskWaitEndsTheCurrentTaskFieldsKeepTheirLastValues() {
    String id = create("/api/v1/jobs/greet", "{}");
    JsonNode waiting = t.job(id);
    assertThat(waiting.path("current_task_info").has("resource_requirements")).isTrue();
    assertThat(waiting.path("current_task_info").path("resource_requirements").isNull())
        .as("no requirements given: null, as upstream stores the argument")
        .isTrue();
    t.register("w1", "greet");
    JsonNode task = take("w1");
    t.result(id, task.path("task_id").asString(), "w1", Map.of("status", "success"));

    JsonNode done = t.job(id);
    assertThat(done.path("status").asString()).isEqualTo("finished");
    assertThat(done.path("current_task_id").asString()).isEqualTo(task.path("task_id").asString());
    assertThat(done.path("task_worker_id").asString()).isEqualTo("w1");
    assertThat(done.path("task_dispatched_at").isNumber()).isTrue();
    assertThat(done.path("current_task_info").path("type").asString()).isEqualTo("greet");
    assertThat(done.path("current_task_transitions").path("success").asString())
        .isEqualTo("finished");
    assertThat(done.path("waiting_for").isNull()).as("the native field says it waits no more");
  }

  @Test
  void afterASubJobEndsTheParentKeepsItsChildJobId() {
    String parent = create("/api/v1/jobs/parent", "{}");
    String child = t.job(parent).path("child_job_id").asString();
    t.register("w1", "greet");
    JsonNode task = take("w1");
    t.result(child, task.path("task_id").asString(), "w1", Map.of("status", "success"));
    JsonNode done = t.job(parent);
    assertThat(done.path("status").asString()).isEqualTo("finished");
    assertThat(done.path("child_job_id").asString()).isEqualTo(child);
  }

  @Test
  void aBadTokenOnAResultThatNamesNoWorkerGetsUpstreamsMessage() {
    Res r =
        t.send(
            "POST",
            "/_worker/tasks/result",
            "{\"job_id\":\"j\",\"task_id\":\"t\",\"result\":{}}",
            "X-Worker-Token",
            "wrong",
            "Content-Type",
            "application/json");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body())
        .isEqualTo("{\"error\":\"Unauthorized: Invalid token or missing worker_id\"}");
  }

  @Test
  void aWorkersCancelledAcknowledgementAfterCancelIsAccepted() {
    String id = create("/api/v1/jobs/greet", "{}");
    t.register("w1", "greet");
    JsonNode task = take("w1");
    Res cancel = t.post("/api/v1/jobs/" + id + "/cancel", "");
    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);

    Res ack = t.result(id, task.path("task_id").asString(), "w1", Map.of("status", "cancelled"));
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);
    assertThat(ack.json().path("status").asString()).isEqualTo("result_accepted_cancelled");
    assertThat(t.job(id).path("status").asString()).isEqualTo("cancelled");
    // Any other late result for the cancelled task is still refused.
    Res late = t.result(id, task.path("task_id").asString(), "w1", Map.of("status", "success"));
    assertThat(late.status()).isEqualTo(409);
  }

  /** Field names of a JSON object, in order. */
  private static final class JsonNodeFields {
    static List<String> names(JsonNode node) {
      List<String> names = new java.util.ArrayList<>();
      node.propertyNames().forEach(names::add);
      return names;
    }
  }
}
