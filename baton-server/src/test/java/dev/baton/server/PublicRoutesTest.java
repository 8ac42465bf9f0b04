package dev.baton.server;

import static dev.baton.server.AvtomatikaApiTest.created;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.TaskSpec;
import dev.baton.server.TestServer.Res;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Avtomatika's public routes under /_public: no token, metrics, docs, approvals. */
class PublicRoutesTest {
  /** One sample line of the Prometheus text format: name, optional labels, value. */
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\.)*\",?)*)})?"
              + " (-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf)");

  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final TestServer t = new TestServer();

  {
    AvtomatikaApiTest.registerApiBlueprints(t);
  }

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void statusIsOk() {
    Res r = t.get("/_public/status");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void metricsAreThePrometheusTextFormat() {
    t.register("w1", "greet");
    created(t.post("/api/v1/jobs/greet", "{}"));
    created(t.post("/api/v1/jobs/greet", "{}"));
    t.get("/api/v1/jobs/nope");
    t.get("/no/such/path");

    Res r = t.get("/_public/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));

    Map<String, String> types = new HashMap<>();
    Map<String, Long> samples = new HashMap<>();
    for (String line : r.body().split("\n", -1)) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# HELP ")) {
        assertThat(line.split(" ", 4)).as(line).hasSize(4);
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        assertThat(parts).as(line).hasSize(4);
        assertThat(parts[3]).isIn("gauge", "counter", "histogram", "summary");
        types.put(parts[2], parts[3]);
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("a sample line: " + line).isTrue();
      assertThat(types).as("TYPE comes before " + line).containsKey(family(m.group(1), types));
      samples.put(canonical(m.group(1), m.group(3)), whole(m.group(4)));
    }
    assertThat(r.body()).endsWith("\n");

    assertThat(types)
        .containsEntry("baton_jobs", "gauge")
        .containsEntry("baton_workers", "gauge")
        .containsEntry("baton_http_requests_total", "counter");
    for (JobStatus s : JobStatus.values()) {
      assertThat(samples).containsKey("baton_jobs{status=" + s.wireName() + "}");
    }
    assertThat(samples)
        .containsEntry("baton_jobs{status=waiting_for_worker}", 2L)
        .containsEntry("baton_jobs{status=finished}", 0L)
        .containsEntry("baton_workers{state=alive}", 1L)
        .containsEntry("baton_workers{state=total}", 1L)
        .containsEntry(
            "baton_http_requests_total{method=POST,route=/api/<endpoint>,status=202}", 2L)
        .containsEntry(
            "baton_http_requests_total{method=GET,route=/api/v1/jobs/{id},status=404}", 1L)
        .containsEntry(
            "baton_http_requests_total{method=POST,route=/_worker/workers/register,status=200}", 1L)
        .containsEntry("baton_http_requests_total{method=GET,route=unmatched,status=404}", 1L);
  }

  /** A histogram's or summary's sample ({@code x_bucket}, {@code x_count}...) is of family x. */
  private static String family(String name, Map<String, String> types) {
    for (String suffix : List.of("_bucket", "_count", "_sum")) {
      String base = name.substring(0, Math.max(0, name.length() - suffix.length()));
      if (name.endsWith(suffix) && types.containsKey(base)) {
        return base;
      }
    }
    return name;
  }

  /** A sample's value; Micrometer writes whole numbers as {@code 2.0}, compared here as 2. */
  private static long whole(String value) {
    double d = Double.parseDouble(value);
    return Double.isFinite(d) ? (long) d : Long.MIN_VALUE;
  }

  /** {@code name{k=v,...}} with the labels sorted and unescaped, for lookups. */
  private static String canonical(String name, String labels) {
    if (labels == null) {
      return name;
    }
    java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
    Matcher m = LABEL.matcher(labels);
    while (m.find()) {
      sorted.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
    }
    StringBuilder out = new StringBuilder(name).append('{');
    sorted.forEach((k, v) -> out.append(k).append('=').append(v).append(','));
    out.setLength(out.length() - 1);
    return out.append('}').toString();
  }

  @Test
  void theDocsPageListsEveryBlueprintRouteWithItsStates() {
    t.engine.register(
        Blueprint.builder("shop")
            .api("v2", "/orders")
            .description("Takes <orders> & ships them")
            .start("take")
            .dispatch("take", TaskSpec.of("take", Map.of()), Map.of("success", "ship"))
            .goTo("ship", "finished")
            .build());

    Res r = t.get("/_public/docs");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    String page = r.body();
    assertThat(page)
        .contains("<code>/api/v1/jobs/greet</code>")
        .contains("<code>/api/jobs/plain</code>")
        .contains("<code>/api/v2/orders</code>")
        .contains("data-path=\"/api/v2/orders\"")
        .contains("<code>take</code> dispatch &rarr; ship")
        .contains("<code>ship</code> goto &rarr; finished")
        .contains("<code>ask</code> approval &rarr; failed, finished")
        .contains("Takes &lt;orders&gt; &amp; ships them")
        .doesNotContain("<orders>")
        .contains("href=\"/api/docs\"")
        .contains("/_public/webhooks/approval/{job_id}")
        .contains("Blueprints without a create route of their own: approve, fan, hello.");
  }

  @Test
  void quarantinedJobsAreListed() {
    t.register("w1", "greet");
    // hello has no failure transition, so a permanent error quarantines it.
    String bad = t.createJob("hello").path("id").asString();
    String taskId = t.next("w1").json().path("task_id").asString();
    t.result(
        bad,
        taskId,
        "w1",
        Map.of("status", "failure", "error", Map.of("code", "PERMANENT_ERROR", "message", "x")));
    created(t.post("/api/v1/jobs/greet", "{}"));
    assertThat(t.engine.job(bad).orElseThrow().status()).isEqualTo(JobStatus.QUARANTINED);

    Res r = t.get("/_public/jobs/quarantined");
    assertThat(r.status()).isEqualTo(200);
    JsonNode list = r.json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).path("id").asString()).isEqualTo(bad);
    assertThat(list.get(0).path("status").asString()).isEqualTo("quarantined");
    assertThat(list.get(0).path("error_message").asString()).contains("x");
    assertThat(t.get("/_public/jobs/quarantined?limit=0").json()).isEmpty();
    assertThat(t.get("/_public/jobs/quarantined?offset=1").json()).isEmpty();
    assertThat(t.get("/_public/jobs/quarantined?limit=x").status()).isEqualTo(400);
  }

  @Test
  void theApprovalWebhookDecidesAWaitingJob() {
    String id = created(t.post("/api/jobs/plain", ""));

    Res r = t.post(t.approvalUrl(id), "{\"decision\":\"yes\"}");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"approval_received\",\"job_id\":\"" + id + "\"}");
    assertThat(t.engine.job(id).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void theApprovalWebhookRefusesAJobWaitingForAWorker() {
    // Issue 15: upstream (and Baton before) moved a job waiting for a worker on to its state.
    String id = created(t.post("/api/v1/jobs/greet", "{}"));
    Res r = t.post("/_public/webhooks/approval/" + id, "{\"decision\":\"failure\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).isEqualTo("Job is not in a state that can be approved");
    assertThat(t.engine.job(id).orElseThrow().status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);
  }

  @Test
  void theApprovalWebhookNeedsTheApprovalsOwnSignedToken() {
    String id = created(t.post("/api/jobs/plain", ""));
    String path = "/_public/webhooks/approval/" + id;
    String url = t.approvalUrl(id);
    for (String bad : List.of(path, path + "?token=", path + "?token=AAAA", url + "x")) {
      Res r = t.post(bad, "{\"decision\":\"yes\"}");
      assertThat(r.status()).as(bad).isEqualTo(403);
    }
    String other = created(t.post("/api/jobs/plain", ""));
    String otherToken = t.approvalUrl(other).substring(t.approvalUrl(other).indexOf('?'));
    assertThat(t.post(path + otherToken, "{\"decision\":\"yes\"}").status())
        .as("another job's token")
        .isEqualTo(403);
    assertThat(t.engine.job(id).orElseThrow().status()).isEqualTo(JobStatus.WAITING_FOR_HUMAN);
    assertThat(t.post(url, "{\"decision\":\"yes\"}").status()).isEqualTo(200);
    assertThat(t.engine.job(id).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
  }

  @Test
  void theQuarantinedListShowsNoJobData() {
    t.register("w1", "greet");
    String bad =
        t.post("/api/v1/jobs", "{\"blueprint\":\"hello\",\"input\":{\"secret\":\"s3cr3t\"}}")
            .json()
            .path("id")
            .asString();
    String taskId = t.next("w1").json().path("task_id").asString();
    t.result(
        bad,
        taskId,
        "w1",
        Map.of("status", "failure", "error", Map.of("code", "PERMANENT_ERROR", "message", "x")));
    assertThat(t.engine.job(bad).orElseThrow().status()).isEqualTo(JobStatus.QUARANTINED);
    Res r = t.get("/_public/jobs/quarantined");
    assertThat(r.json()).hasSize(1);
    assertThat(r.body()).doesNotContain("s3cr3t").doesNotContain("initial_data");
    assertThat(r.json().get(0).path("id").asString()).isEqualTo(bad);
  }

  @Test
  void theApprovalWebhookRefusesAsAvtomatikaDoes() {
    String id = created(t.post("/api/jobs/plain", ""));
    String path = t.approvalUrl(id);
    Map<String, String[]> cases =
        Map.of(
            "", new String[] {"400", "Invalid JSON body"},
            "{", new String[] {"400", "Invalid JSON body"},
            "[]", new String[] {"400", "Invalid JSON body"},
            "{}", new String[] {"400", "decision is required in body"},
            "{\"decision\":\"\"}", new String[] {"400", "decision is required in body"},
            "{\"decision\":7}", new String[] {"400", "decision is required in body"},
            "{\"decision\":\"maybe\"}",
                new String[] {"400", "Invalid decision 'maybe' for this job"});
    cases.forEach((body, expected) -> {
      Res r = t.post(path, body);
      assertThat(r.status()).as(body).isEqualTo(Integer.parseInt(expected[0]));
      assertThat(r.error()).as(body).isEqualTo(expected[1]);
    });

    Res unknown = t.post("/_public/webhooks/approval/nope", "{\"decision\":\"yes\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"Job not found\"}");

    String fan = t.createJob("fan").path("id").asString();
    Res parallel = t.post("/_public/webhooks/approval/" + fan, "{\"decision\":\"yes\"}");
    assertThat(parallel.status()).isEqualTo(409);
    assertThat(parallel.error()).isEqualTo("Job is not in a state that can be approved");

    assertThat(t.post(path, "{\"decision\":\"no\"}").status()).isEqualTo(200);
    Res ended = t.post(path, "{\"decision\":\"yes\"}");
    assertThat(ended.status()).isEqualTo(409);
    assertThat(ended.error()).isEqualTo("Job is not in a state that can be approved");
    assertThat(t.engine.job(id).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
  }

  @Test
  void flushDbIsRefusedAndWipesNothing() {
    created(t.post("/api/jobs/plain", ""));
    Res r = t.post("/_public/debug/flush_db", "");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error()).startsWith("flush_db is disabled: Baton never wipes its store over HTTP");
    assertThat(t.engine.jobs(JobQuery.all(10, 0)).total()).isEqualTo(1);
  }

  @Test
  void noBadInputReachesTheInternalErrorPath() {
    String jobId = created(t.post("/api/jobs/plain", ""));
    List<String> bodies = new java.util.ArrayList<>(TestServer.MALFORMED_BODIES);
    bodies.addAll(
        List.of(
            "{\"initial_data\":[]}",
            "{\"initial_data\":\"x\",\"webhook_url\":[]}",
            "{\"webhook_url\":\"http://\"}",
            "{\"webhook_url\":\"::\"}",
            "{\"decision\":{}}",
            "{\"decision\":null}",
            "\u0000\u0001",
            "{\"\\ud800\":1}"));
    List<String> routes =
        List.of(
            "/api/v1/jobs/greet",
            "/api/jobs/plain",
            "/api/nowhere",
            "/api/jobs/" + jobId + "/cancel",
            "/api/v1/admin/reload-workers",
            "/_public/webhooks/approval/" + jobId,
            "/_public/webhooks/approval/nope",
            "/_public/debug/flush_db");
    for (String route : routes) {
      for (String body : bodies) {
        Res r = t.post(route, body);
        assertThat(r.status()).as(route + " with " + body + ": " + r.body()).isLessThan(500);
        assertThat(r.raw().headers().firstValue("Content-Type").orElse(""))
            .as(route + " with " + body)
            .startsWith("application/json");
      }
    }
    for (String query :
        List.of("limit=", "limit=%20", "limit=-", "offset=x", "limit=99999999999999999999")) {
      assertThat(t.get("/api/jobs?" + query).status()).as(query).isLessThan(500);
      assertThat(t.get("/_public/jobs/quarantined?" + query).status()).as(query).isLessThan(500);
    }
  }
}
