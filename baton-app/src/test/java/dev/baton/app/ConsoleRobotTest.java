package dev.baton.app;

import static dev.baton.app.ConsoleForms.csrf;
import static dev.baton.app.ConsoleForms.enc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.robot.RobotClient;
import dev.baton.worker.sdk.robot.RobotJob;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A robot's console page over plain HTTP, with a real robot (the SDK's {@link RobotClient}) over
 * WebSocket: its facts escaped, the job it runs and its log lines, a job sent to it from the page
 * and received by it, audited; bad JSON, a missing workflow, a duplicate, a forged form, an unknown
 * robot and a client refused.
 */
class ConsoleRobotTest {
  @TempDir Path dir;
  TestApp app;
  RobotClient robot;
  final ConsoleForms forms = new ConsoleForms();
  final BlockingQueue<RobotJob> received = new LinkedBlockingQueue<>();
  final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    if (robot != null) {
      robot.kill();
    }
    if (app != null) {
      app.close();
    }
  }

  private void start(Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>(env);
    all.put("ROBOT_AUTH_TOKEN", "r-secret");
    app = TestApp.start(dir.resolve("data"), Files.createDirectories(dir.resolve("bp")), all);
    robot =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), "r-1")
            .name("<b>Bot</b>")
            .tags("finance", "<i>eu</i>")
            .capability("ocr", true)
            .maxConcurrentJobs(2)
            .heartbeatInterval(Duration.ZERO)
            .handler((job, ctx) -> {
              received.add(job);
              ctx.log("INFO", "opened <" + job.parameters().get("file") + ">", "node-1", Map.of());
              if ("long".equals(job.workflowId())) {
                for (int i = 0; i < 205; i++) {
                  ctx.log("INFO", "line " + i, "node-1", Map.of());
                }
              }
              if ("scan".equals(job.workflowId())) {
                ctx.progress(40, "ocr", "reading");
                release.await();
              }
              if ("invoice".equals(job.workflowId())) {
                release.await(); // the first job runs until the test has seen it running
              }
              return Map.of();
            })
            .authToken("r-secret")
            .connect(); // returns once the server acknowledged the registration
  }

  @Test
  void aJobSentWithPriorityTimeoutAndTagsShowsItsProgressAndLogLinesOnItsPage() throws Exception {
    start(Map.of());
    String csrf = csrf(get("/console/robots/r-1").body());
    String base = "_csrf=" + csrf + "&workflow_id=scan&parameters=" + enc("{\"file\": \"s.pdf\"}");
    HttpResponse<String> badTimeout =
        post("/console/robots/r-1/jobs", base + "&priority=HIGH&timeout_seconds=0&tags=");
    assertThat(badTimeout.statusCode()).isEqualTo(400);
    assertThat(badTimeout.body()).contains("Timeout must be between 1 and 2678400, was 0.");
    HttpResponse<String> badPriority =
        post("/console/robots/r-1/jobs", base + "&priority=URGENT&timeout_seconds=&tags=");
    assertThat(badPriority.statusCode()).isEqualTo(400);
    assertThat(badPriority.body())
        .contains("Priority must be LOW, NORMAL, HIGH, CRITICAL or a whole number, was 'URGENT'");
    assertThat(received).isEmpty();

    HttpResponse<String> sent =
        post(
            "/console/robots/r-1/jobs",
            base + "&priority=HIGH&timeout_seconds=120&tags=" + enc("finance, "));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
    String location = sent.headers().firstValue("Location").orElseThrow();
    String job = location.substring(location.indexOf("job=") + 4);
    assertThat(received.poll(10, TimeUnit.SECONDS).jobId()).isEqualTo(job);
    JsonNode view =
        TestApp.JSON.readTree(app.send("GET", "/api/v1/robot-jobs/" + job, null).body());
    assertThat(view.get("priority").asString()).isEqualTo("HIGH");
    assertThat(view.get("timeout_seconds").asInt()).isEqualTo(120);
    assertThat(
            TestApp.JSON.readTree(app.send("GET", "/api/v1/jobs/" + job, null).body()).toString())
        .contains("\"tags\":[\"finance\"]");

    await().until(() -> get("/console/jobs/" + job).body().contains("40 % at node ocr: reading"));
    HttpResponse<String> page = get("/console/jobs/" + job);
    assertThat(page.body())
        .contains("id=\"job-logs\"")
        .contains("<td>INFO</td><td>node-1</td><td>opened &lt;s.pdf&gt;</td>")
        .contains("hx-trigger=\"sse:jobs, sse:progress, sse:robots, every 2s\"")
        .doesNotContain("<s.pdf>");
    release.countDown();
    await()
        .until(() ->
            app.send("GET", "/api/v1/robot-jobs/" + job, null)
                .body()
                .contains("\"status\":\"completed\""));
    assertThat(get("/console/jobs/" + job).body())
        .contains("hx-trigger=\"sse:jobs, sse:progress, sse:robots\"")
        .contains("opened &lt;s.pdf&gt;");
    String ledger = app.send("GET", "/api/v1/ledger?type=admin.robot_job_send", null).body();
    assertThat(ledger).contains("\"priority\":\"HIGH\"").contains("\"timeout_seconds\":120");
  }

  @Test
  void aJobsPageShowsTheNewestLogLinesWhereAFailureIs() throws Exception {
    start(Map.of());
    HttpResponse<String> created =
        app.send("POST", "/api/v1/robot-jobs", "{\"workflow_id\":\"long\",\"robot_id\":\"r-1\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String job = TestApp.JSON.readTree(created.body()).get("id").asString();
    await().until(() -> get("/console/jobs/" + job).body().contains("<td>line 204</td>"));
    String page = get("/console/jobs/" + job).body();
    assertThat(page)
        .contains("<td>line 5</td>")
        .doesNotContain("<td>line 4</td>")
        .contains("The newest 200 lines");
    assertThat(page.indexOf("<td>line 5</td>")).isLessThan(page.indexOf("<td>line 204</td>"));
  }

  @Test
  void anOperatorSeesARobotItsJobAndLogsAndSendsItAJob() throws Exception {
    start(Map.of());
    HttpResponse<String> submitted =
        app.send(
            "POST",
            "/api/v1/robot-jobs",
            "{\"workflow_id\":\"invoice\",\"robot_id\":\"r-1\",\"parameters\":{\"file\":\"a.xlsx\"}}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
    String running = TestApp.JSON.readTree(submitted.body()).get("id").asString();
    assertThat(received.poll(10, TimeUnit.SECONDS).jobId()).isEqualTo(running);

    assertThat(get("/console/robots").body()).contains("<a href=\"/console/robots/r-1\">r-1</a>");
    await().until(() -> get("/console/robots/r-1").body().contains("opened &lt;a.xlsx&gt;"));
    HttpResponse<String> page = get("/console/robots/r-1");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Robot &lt;b&gt;Bot&lt;/b&gt;")
        .doesNotContain("<b>Bot", "<i>eu", "<a.xlsx>")
        .contains(
            "<span class=\"tag\">finance</span>",
            "<span class=\"tag\">&lt;i&gt;eu&lt;/i&gt;</span>")
        .contains("<span class=\"tag\">ocr: true</span>")
        .contains("<dd class=\"robot-slots\">1 / 2</dd>")
        .contains("<dt>Connected</dt><dd>yes</dd>")
        .contains(
            "<a href=\"/console/jobs/"
                + running
                + "\">"
                + running
                + "</a></td><td>invoice</td><td>running</td>")
        .contains("hx-trigger=\"sse:robots, sse:jobs\"")
        .doesNotContain("style=");
    String csrf = csrf(page.body());

    String form =
        "_csrf=" + csrf + "&workflow_id=report&parameters=" + enc("{\"file\": \"<b.csv>\"}");
    assertThat(post("/console/robots/r-1/jobs", form.replace(csrf, "forged")).statusCode())
        .isEqualTo(403);
    HttpResponse<String> sent = post("/console/robots/r-1/jobs", form);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
    String location = sent.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/console/robots/r-1?done=sent&job=");
    String job = location.substring(location.indexOf("job=") + 4);
    RobotJob got = received.poll(10, TimeUnit.SECONDS);
    assertThat(got.jobId()).isEqualTo(job);
    assertThat(got.workflowId()).isEqualTo("report");
    assertThat(got.parameters()).containsEntry("file", "<b.csv>");
    assertThat(received).isEmpty(); // the forged form sent nothing
    assertThat(get(location).body()).contains("Job " + job + " sent to this robot.");
    String view = app.send("GET", "/api/v1/robot-jobs/" + job, null).body();
    assertThat(TestApp.JSON.readTree(view).get("pinned_robot_id").asString()).isEqualTo("r-1");
    await()
        .until(() ->
            app.send("GET", "/api/v1/robot-jobs/" + job, null)
                .body()
                .contains("\"status\":\"completed\""));
    assertThat(get("/console/robots/r-1").body())
        .contains(
            "<a href=\"/console/jobs/"
                + job
                + "\">"
                + job
                + "</a></td><td>report</td><td>completed</td>");
    String ledger = app.send("GET", "/api/v1/ledger?type=admin.robot_job_send", null).body();
    assertThat(ledger)
        .contains(job)
        .contains("\"workflow_id\":\"report\"")
        .contains("\"robot_id\":\"r-1\"");

    HttpResponse<String> again = post("/console/robots/r-1/jobs", form);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("Not sent: Duplicate job detected");

    HttpResponse<String> bad =
        post(
            "/console/robots/r-1/jobs",
            "_csrf=" + csrf + "&workflow_id=kept-id&parameters=" + enc("{\"file\": <"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body())
        .contains("The parameter object is not valid JSON at line 1, column 10")
        .contains("value=\"kept-id\"")
        .contains(">{\"file\": &lt;</textarea>");
    HttpResponse<String> array =
        post(
            "/console/robots/r-1/jobs",
            "_csrf=" + csrf + "&workflow_id=x&parameters=" + enc("[1]"));
    assertThat(array.statusCode()).isEqualTo(400);
    assertThat(array.body()).contains("must be a JSON object");
    HttpResponse<String> none =
        post("/console/robots/r-1/jobs", "_csrf=" + csrf + "&parameters={}");
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("Name the workflow to run");

    assertThat(get("/console/robots/nobody").statusCode()).isEqualTo(404);
    HttpResponse<String> unknown =
        post("/console/robots/nobody/jobs", "_csrf=" + csrf + "&workflow_id=report&parameters={}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("No robot has the id nobody.");
    assertThat(received).isEmpty();
  }

  @Test
  void aClientMayNotSeeARobotNorSendItAJob() throws Exception {
    Path clients = ConsoleForms.onlyAlice(dir);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    assertThat(post("/console/login", "token=alice-token").statusCode()).isEqualTo(303);
    HttpResponse<String> page = get("/console/robots/r-1");
    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body()).contains("has the role client; this page needs operator");
    String csrf = csrf(get("/console/jobs").body());
    HttpResponse<String> sent =
        post("/console/robots/r-1/jobs", "_csrf=" + csrf + "&workflow_id=report&parameters={}");
    assertThat(sent.statusCode()).isEqualTo(403);
    assertThat(received).isEmpty();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return forms.get(app, path);
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return forms.post(app, path, form);
  }
}
