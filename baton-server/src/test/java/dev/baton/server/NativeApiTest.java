package dev.baton.server;

import static dev.baton.server.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.TestServer.Res;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The native REST API under /api/v1 over real HTTP. */
class NativeApiTest {
  private final TestServer t = new TestServer();

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void createsAJobAndAnswersWithItsNativeJson() {
    Res r =
        t.post(
            "/api/v1/jobs",
            json(Map.of("blueprint", "hello", "input", Map.of("name", "ada"), "priority", 7)));

    assertThat(r.status()).isEqualTo(201);
    JsonNode job = r.json();
    String id = job.path("id").asString();
    assertThat(r.raw().headers().firstValue("Location")).contains("/api/v1/jobs/" + id);
    assertThat(job.path("blueprint").asString()).isEqualTo("hello");
    assertThat(job.path("blueprint_version").asInt()).isEqualTo(1);
    assertThat(job.path("state").asString()).isEqualTo("greet");
    assertThat(job.path("status").asString()).isEqualTo("waiting_for_worker");
    assertThat(job.path("initial_data").path("name").asString()).isEqualTo("ada");
    assertThat(job.path("state_history").isObject()).isTrue();
    assertThat(job.path("priority").asInt()).isEqualTo(7);
    assertThat(job.path("retry_count").asInt()).isZero();
    assertThat(job.path("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(job.path("updated_at").asString()).isNotEmpty();
    assertThat(job.path("parent_job_id").isNull()).isTrue();
    assertThat(job.path("error_message").isNull()).isTrue();
    assertThat(job.path("waiting_for").path("kind").asString()).isEqualTo("task");
    assertThat(job.path("waiting_for").path("transitions").path("success").asString())
        .isEqualTo("finished");
    assertThat(job.path("aggregation_results").isObject()).isTrue();
    assertThat(job.path("progress").isNull()).isTrue();
    assertThat(t.job(id)).isEqualTo(job);
  }

  @Test
  void createRefusesBadInputWith400() {
    Map<String, String> cases =
        Map.of(
            "{\"blueprint\":", "Invalid JSON body",
            "", "Invalid JSON body: the body is empty",
            "[]", "Invalid JSON body: expected a JSON object",
            "{\"blueprint\":\"hello\"} trailing", "Invalid JSON body",
            "{}", "field 'blueprint' is required",
            "{\"blueprint\":42}", "field 'blueprint' must be a string",
            "{\"blueprint\":\"hello\",\"priority\":\"high\"}",
                "field 'priority' must be an integer between -2147483648 and 2147483647",
            "{\"blueprint\":\"hello\",\"version\":0}",
                "field 'version' must be an integer between 1 and 2147483647",
            "{\"blueprint\":\"hello\",\"input\":[1]}", "field 'input' must be a JSON object",
            "{\"blueprint\":\"hello\",\"initial_data\":{}}",
                "unknown field 'initial_data'; expected blueprint, input, priority, version");
    cases.forEach((body, message) -> {
      Res r = t.post("/api/v1/jobs", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.error()).as(body).isEqualTo(message);
    });
    assertThat(t.engine.jobs(dev.baton.job.JobQuery.all(10, 0)).total()).isZero();
  }

  @Test
  void anUnknownBlueprintIs404() {
    Res r = t.post("/api/v1/jobs", "{\"blueprint\":\"nope\"}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).isEqualTo("blueprint 'nope' is not registered");

    Res version = t.post("/api/v1/jobs", "{\"blueprint\":\"hello\",\"version\":9}");
    assertThat(version.status()).isEqualTo(404);
    assertThat(version.error()).isEqualTo("blueprint 'hello' has no version 9");
  }

  @Test
  void anUnknownJobIs404Everywhere() {
    // The routes Avtomatika has too answer in its words; the native-only ones name the id.
    for (String[] call :
        new String[][] {
          {"GET", "/api/v1/jobs/nope", "Job not found"},
          {"GET", "/api/v1/jobs/nope/history", "Job not found"},
          {"POST", "/api/v1/jobs/nope/cancel", "Job not found"},
          {"GET", "/api/v1/jobs/nope/tasks", "Job not found: nope"},
          {"POST", "/api/v1/jobs/nope/resume", "Job not found: nope"},
        }) {
      Res r = t.send(call[0], call[1], null);
      assertThat(r.status()).as(call[1]).isEqualTo(404);
      assertThat(r.error()).as(call[1]).isEqualTo(call[2]);
    }
    Res decision = t.post("/api/v1/jobs/nope/decision", "{\"decision\":\"approve\"}");
    assertThat(decision.status()).isEqualTo(404);
  }

  @Test
  void listsJobsWithFiltersAndPaging() {
    for (int i = 0; i < 3; i++) {
      t.createJob("hello");
    }
    t.createJob("approve");

    JsonNode all = t.get("/api/v1/jobs").json();
    assertThat(all.path("total").asLong()).isEqualTo(4);
    assertThat(all.path("items")).hasSize(4);
    assertThat(all.path("limit").asInt()).isEqualTo(50);
    assertThat(all.path("offset").asInt()).isZero();

    JsonNode page = t.get("/api/v1/jobs?blueprint=hello&limit=2&offset=1").json();
    assertThat(page.path("total").asLong()).isEqualTo(3);
    assertThat(page.path("items")).hasSize(2);
    assertThat(page.path("items").get(0).path("blueprint").asString()).isEqualTo("hello");

    JsonNode human = t.get("/api/v1/jobs?status=waiting_for_human").json();
    assertThat(human.path("total").asLong()).isEqualTo(1);
    assertThat(human.path("items").get(0).path("waiting_for").path("kind").asString())
        .isEqualTo("human");
    assertThat(human.path("items").get(0).path("waiting_for").path("message").asString())
        .isEqualTo("ship it?");
  }

  @Test
  void badQueryParametersAre400NamingTheParameter() {
    Map<String, String> cases =
        Map.of(
            "limit=abc", "query parameter 'limit' must be an integer between 1 and 1000, was 'abc'",
            "limit=0", "query parameter 'limit' must be an integer between 1 and 1000, was '0'",
            "limit=5000",
                "query parameter 'limit' must be an integer between 1 and 1000, was '5000'",
            "offset=-1",
                "query parameter 'offset' must be an integer between 0 and 2147483647, was '-1'",
            "offset=1e3",
                "query parameter 'offset' must be an integer between 0 and 2147483647, was '1e3'");
    cases.forEach((query, message) -> {
      Res r = t.get("/api/v1/jobs?" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.error()).isEqualTo(message);
    });
    Res status = t.get("/api/v1/jobs?status=bogus");
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.error())
        .startsWith(
            "query parameter 'status': unknown job status 'bogus'; expected one of pending");
  }

  @Test
  void historyAndTasksOfAJob() {
    t.register("w1", "greet");
    String id = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();
    t.result(id, taskId, "w1", Map.of("status", "success"));

    JsonNode history = t.get("/api/v1/jobs/" + id + "/history").json();
    assertThat(history.size()).isGreaterThanOrEqualTo(2);
    JsonNode last = history.get(history.size() - 1);
    assertThat(last.path("to_state").asString()).isEqualTo("finished");
    assertThat(last.path("to_status").asString()).isEqualTo("finished");
    assertThat(last.path("reason").asString()).isNotEmpty();

    JsonNode tasks = t.get("/api/v1/jobs/" + id + "/tasks").json();
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).path("id").asString()).isEqualTo(taskId);
    assertThat(tasks.get(0).path("type").asString()).isEqualTo("greet");
    assertThat(tasks.get(0).path("status").asString()).isEqualTo("done");
    assertThat(tasks.get(0).path("worker_id").asString()).isEqualTo("w1");
    assertThat(tasks.get(0).path("attempt").asInt()).isEqualTo(1);
  }

  @Test
  void cancellingAFinishedJobIs409() {
    String id = t.createJob("approve").path("id").asString();
    assertThat(t.post("/api/v1/jobs/" + id + "/decision", "{\"decision\":\"approve\"}").status())
        .isEqualTo(200);

    Res r = t.post("/api/v1/jobs/" + id + "/cancel", "");

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).isEqualTo("job " + id + " is already finished; it cannot be cancelled");
  }

  @Test
  void cancelTakesAnEmptyBodyOrAnEmptyObjectOnly() {
    String id = t.createJob("hello").path("id").asString();
    Res junk = t.post("/api/v1/jobs/" + id + "/cancel", "{\"why\":1}");
    assertThat(junk.status()).isEqualTo(400);
    Res ok = t.post("/api/v1/jobs/" + id + "/cancel", "{}");
    assertThat(ok.status()).isEqualTo(200);
    // Avtomatika's answer for a job waiting for a worker that could not be told (none took it).
    assertThat(ok.json().path("status").asString()).isEqualTo("cancellation_request_accepted");
    assertThat(ok.json().path("job_id").asString()).isEqualTo(id);
    assertThat(ok.json().path("job").path("status").asString()).isEqualTo("cancelled");
    assertThat(t.job(id).path("status").asString()).isEqualTo("cancelled");
  }

  @Test
  void aDecisionMovesAHumanStep() {
    String id = t.createJob("approve").path("id").asString();

    Res missing = t.post("/api/v1/jobs/" + id + "/decision", "{}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error()).isEqualTo("field 'decision' is required");
    Res unknown = t.post("/api/v1/jobs/" + id + "/decision", "{\"decision\":\"maybe\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.error()).startsWith("decision 'maybe' is not one of");

    Res r = t.post("/api/v1/jobs/" + id + "/decision", "{\"decision\":\"reject\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("status").asString()).isEqualTo("failed");

    Res again = t.post("/api/v1/jobs/" + id + "/decision", "{\"decision\":\"approve\"}");
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void resumeRunsAFailedJobAgainWithCorrections() {
    t.register("w1", "greet");
    String id = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();
    t.result(
        id,
        taskId,
        "w1",
        Map.of(
            "status", "failure", "error", Map.of("code", "INVALID_INPUT_ERROR", "message", "x")));
    assertThat(t.job(id).path("status").asString()).isEqualTo("failed");

    Res bad = t.post("/api/v1/jobs/" + id + "/resume", "{\"data\":5}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).isEqualTo("field 'data' must be a JSON object");

    Res r =
        t.post(
            "/api/v1/jobs/" + id + "/resume",
            "{\"data\":{\"fixed\":true},\"initial_data\":{\"name\":\"bob\"}}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode job = r.json();
    assertThat(job.path("status").asString()).isEqualTo("waiting_for_worker");
    assertThat(job.path("state_history").path("fixed").asBoolean()).isTrue();
    assertThat(job.path("initial_data").path("name").asString()).isEqualTo("bob");
    assertThat(job.path("error_message").isNull()).isTrue();

    Res notFailed = t.post("/api/v1/jobs/" + id + "/resume", "");
    assertThat(notFailed.status()).isEqualTo(409);
  }

  @Test
  void blueprintsAreListedWithTheirStates() {
    JsonNode list = t.get("/api/v1/blueprints").json();
    assertThat(list).hasSize(3);

    Res r = t.get("/api/v1/blueprints/hello");
    assertThat(r.status()).isEqualTo(200);
    JsonNode hello = r.json();
    assertThat(hello.path("name").asString()).isEqualTo("hello");
    assertThat(hello.path("version").asInt()).isEqualTo(1);
    assertThat(hello.path("start").asString()).isEqualTo("greet");
    assertThat(hello.has("api_version")).isTrue();
    assertThat(hello.has("api_endpoint")).isTrue();
    JsonNode greet = hello.path("states").get(0);
    assertThat(greet.path("name").asString()).isEqualTo("greet");
    assertThat(greet.path("kind").asString()).isEqualTo("dispatch");
    assertThat(greet.path("targets").get(0).asString()).isEqualTo("finished");

    Res unknown = t.get("/api/v1/blueprints/nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("Blueprint not found: nope");
  }

  @Test
  void workersAreListedWithAnAliveFlag() {
    t.register("w1", "greet");
    JsonNode workers = t.get("/api/v1/workers").json();
    assertThat(workers).hasSize(1);
    assertThat(workers.get(0).path("worker_id").asString()).isEqualTo("w1");
    assertThat(workers.get(0).path("alive").asBoolean()).isTrue();
    assertThat(workers.get(0).path("supported_tasks").get(0).asString()).isEqualTo("greet");
    assertThat(workers.get(0).path("status").asString()).isEqualTo("idle");
  }

  @Test
  void healthAndPublicStatus() {
    assertThat(t.get("/api/v1/health").json().path("status").asString()).isEqualTo("ok");
    assertThat(t.get("/_public/status").json().path("status").asString()).isEqualTo("ok");
  }

  @Test
  void anUnknownRouteIsA404WithAJsonError() {
    Res r = t.get("/api/v1/nothing-here");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.error()).contains("/api/v1/nothing-here");
  }

  @Test
  void aBodyOverTheLimitIs413() {
    String big = "{\"blueprint\":\"hello\",\"input\":{\"x\":\"" + "a".repeat(1024 * 1024) + "\"}}";
    String expected = "Request body is larger than the limit of 1048576 bytes";

    Res declared = t.post("/api/v1/jobs", big);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.error()).isEqualTo(expected);

    // Chunked, with no Content-Length: caught while reading.
    Res chunked =
        t.sendRaw(
            "POST",
            "/api/v1/jobs",
            BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(chunked.error()).isEqualTo(expected);

    Res worker = t.worker("POST", "/_worker/workers/register", big);
    assertThat(worker.status()).isEqualTo(413);
    assertThat(t.engine.jobs(dev.baton.job.JobQuery.all(10, 0)).total()).isZero();
  }

  @Test
  void noBadInputReachesTheInternalErrorPath() {
    t.register("w1", "greet");
    String jobId = t.createJob("hello").path("id").asString();
    List<String> bodies = new java.util.ArrayList<>(TestServer.MALFORMED_BODIES);
    bodies.addAll(
        List.of(
            "{\"blueprint\":null}",
            "{\"blueprint\":[],\"input\":\"x\"}",
            "{\"blueprint\":\"hello\",\"priority\":1.5}",
            "{\"blueprint\":\"hello\",\"priority\":99999999999999999999}",
            "{\"job_id\":{},\"task_id\":true}",
            "{\"job_id\":\"" + jobId + "\",\"task_id\":\"t\",\"result\":null}",
            "{\"job_id\":\"" + jobId + "\",\"task_id\":\"t\",\"result\":{\"error\":[]}}",
            "{\"worker_id\":5}",
            "{\"worker_id\":\"\"}",
            "{\"worker_id\":\"w9\",\"supported_tasks\":\"greet\"}",
            "{\"decision\":{}}",
            "{\"data\":[],\"initial_data\":null}",
            "\u0000\u0001",
            "{\"\\ud800\":1}"));
    List<String[]> routes =
        List.of(
            new String[] {"POST", "/api/v1/jobs"},
            new String[] {"POST", "/api/v1/jobs/" + jobId + "/cancel"},
            new String[] {"POST", "/api/v1/jobs/" + jobId + "/resume"},
            new String[] {"POST", "/api/v1/jobs/" + jobId + "/decision"},
            new String[] {"POST", "/_worker/workers/register"},
            new String[] {"PATCH", "/_worker/workers/w1"},
            new String[] {"POST", "/_worker/tasks/result"});
    for (String[] route : routes) {
      for (String body : bodies) {
        Res r = t.send(route[0], route[1], body, "X-Worker-Token", TestServer.TOKEN);
        assertThat(r.status()).as(route[1] + " with " + body + ": " + r.body()).isLessThan(500);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse(""))
            .as(route[1] + " with " + body)
            .satisfiesAnyOf(
                ct -> assertThat(ct).startsWith("application/json"),
                ct -> assertThat(r.status()).isEqualTo(204));
      }
    }
    for (String query :
        List.of(
            "limit=",
            "limit=%20",
            "limit=-",
            "offset=x",
            "status=",
            "status=FINISHED",
            "blueprint=")) {
      assertThat(t.get("/api/v1/jobs?" + query).status()).as(query).isLessThan(500);
    }
  }
}
