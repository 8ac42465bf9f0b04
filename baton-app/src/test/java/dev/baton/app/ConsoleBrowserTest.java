package dev.baton.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.baton.component.SimulatedComponent;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import dev.baton.worker.sdk.robot.RobotClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The console in Debian's chromium, driven by Playwright, against one real server (SQLite, a
 * clients file) with a real worker: logging in (a wrong token refused), the overview moving live
 * when a job finishes, a job cancelled through its page and seen so in the store, a real robot
 * drained and resumed through the robots page, a blueprint's draft pushed and published through its
 * page, a schedule run now through its page, a simulated component sent an FSM command and seen in
 * its new state without a reload, a scenario run now and its run's actions, a control-loop cycle
 * run once by an admin and charted, the ledger searched, a form without its CSRF token refused.
 * Screenshots of each page go to {@code target/console-screenshots}. Skipped, saying so, where
 * {@code /usr/bin/chromium} is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
  private static final Duration WAIT = ConsoleBrowser.WAIT;
  private static final String OPS = "ops-token";

  private Path dir;
  private TestApp app;
  private Worker worker;
  private RobotClient robot;
  private SimulatedComponent press;
  private ConsoleBrowser browser;
  private Page page;
  private final CountDownLatch slowStarted = new CountDownLatch(1);

  @BeforeAll
  void start() throws Exception {
    ConsoleBrowser.assumeChromium();
    dir = Files.createTempDirectory("baton-console-test");
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    for (String kind : new String[] {"greet", "slow"}) {
      Files.writeString(
          blueprints.resolve(kind + ".yaml"),
          """
          name: %s
          start: run
          states:
            run:
              dispatch: { task: %s }
              on: { success: finished }
          """
              .formatted(kind, kind));
    }
    Files.writeString(
        blueprints.resolve("held.yaml"),
        """
        name: held
        start: run
        states:
          run:
            dispatch: { task: nobody-runs-this }
            on: { success: finished }
        """);
    Files.writeString(
        blueprints.resolve("charge.yaml"),
        """
        name: charge
        start: charge
        states:
          charge:
            dispatch: { task: charge, params: { amount: "${initial_data.amount}" } }
            on: { success: finished }
        """);
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [ops]
            token = "ops-token"
            monthly_attempts = 100000
            role = "operator"
            [root]
            token = "root-token"
            monthly_attempts = 100000
            role = "admin"
            """);
    press = new SimulatedComponent("press", Duration.ofMillis(10));
    press.start("127.0.0.1", 0);
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("hello.yaml"),
        """
        name: hello
        description: Greets from the console
        priority: 5
        cooldown: 10
        trigger: {type: manual}
        actions:
          - {type: log_event, message: "hello from the browser"}
        """);
    Path avena =
        Files.writeString(
            dir.resolve("orchestrator_config.json"),
            """
            {"clients": {"press": {"address": "127.0.0.1", "port": %d, "group": "line_1"}},
             "scenarios_directory": "%s"}
            """
                .formatted(press.port(), scenarios.toString().replace("\\", "\\\\")));
    // The robot sends no heartbeats, so the class must not outlast the stale timeout: under load it
    // once ran past the default 60 s, the robot was closed as silent and two robot tests timed out.
    app =
        TestApp.start(
            dir.resolve("data"),
            blueprints,
            Map.of(
                "ROBOT_STALE_TIMEOUT_SECONDS",
                "3600",
                "CLIENTS_CONFIG_PATH",
                clients.toString(),
                "WORKER_POLL_TIMEOUT_SECONDS",
                "2",
                "ROBOT_AUTH_TOKEN",
                "robot-secret",
                "BATON_COMPONENTS_CONFIG",
                avena.toString()));
    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "console-worker")
            .token("secure-worker-token")
            .concurrency(2)
            .websocket(true)
            .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .handle("greet", (task, ctx) -> TaskResult.success(Map.of("hi", "there")))
            .handle(
                "charge",
                (task, ctx) ->
                    String.valueOf(task.params().get("amount")).startsWith("-")
                        ? TaskResult.permanentError("amount must not be negative")
                        : TaskResult.success(Map.of("charged", task.params().get("amount"))))
            .handle(
                "slow",
                (task, ctx) -> {
                  slowStarted.countDown();
                  new CountDownLatch(1).await(); // until the console cancels it
                  return TaskResult.success(Map.of());
                })
            .build();
    worker.start();
    robot =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), "robot-1")
            .name("Packing line")
            .authToken("robot-secret")
            .maxConcurrentJobs(2)
            .tags("packing", "line-2")
            .capability("ocr", true)
            .heartbeatInterval(Duration.ZERO)
            .handler((job, ctx) -> {
              ctx.log(
                  "INFO", "read sheet " + job.parameters().get("sheet"), "open-sheet", Map.of());
              return Map.of("rows", 3);
            })
            .connect();
    browser = ConsoleBrowser.launch();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (robot != null) {
      robot.kill();
    }
    if (worker != null) {
      worker.close();
    }
    if (app != null) {
      app.close();
    }
    if (press != null) {
      press.close();
    }
  }

  @BeforeEach
  void newContext() {
    page = browser.open();
  }

  @AfterEach
  void closeContext() {
    browser.closePage();
  }

  @Test
  void aWrongTokenIsRefusedAndTheRightOneOpensTheOverview() throws Exception {
    page.navigate(app.url("/").toString());
    assertThat(page).hasURL(app.url("/console/login").toString());
    page.fill("input[name=token]", "not-a-token");
    Response refused = page.waitForNavigation(() -> page.click("button[type=submit]"));
    assertThat(refused.status()).isEqualTo(401);
    assertThat(page.locator("#login-error")).containsText("Invalid token");
    shot("login-refused");
    logIn();
    assertThat(page.locator("h1")).hasText("Overview");
    assertThat(page.locator("#open-banner")).hasCount(0);
  }

  @Test
  void aFinishedJobMovesTheOverviewWithoutAReload() throws Exception {
    logIn();
    // The stream is open once the page is live; a job that finished before would not move it.
    assertThat(page.locator("body[data-live=open]")).hasCount(1);
    page.evaluate("() => { window.notReloaded = true; }");
    int before = figure("completed-today");
    String id = app.createAs(OPS, "greet", "{}");
    await().atMost(WAIT).until(() -> "finished".equals(status(id)));
    assertThat(page.locator("[data-figure=completed-today]"))
        .hasText(
            String.valueOf(before + 1), new LocatorAssertions.HasTextOptions().setTimeout(2000));
    assertThat(page.evaluate("() => window.notReloaded === true")).isEqualTo(true);
    assertThat(page.locator("table.activity")).containsText("job.finished");
    // The chart counts the finished jobs of the last hour from the ledger, this one included.
    assertThat(page.locator("#throughput canvas")).hasCount(1);
    // The chart is fetched again when the figures move; that fetch may still be on its way.
    assertThat(page.locator("#throughput"))
        .hasAttribute("data-drawn", java.util.regex.Pattern.compile("[1-9][0-9]*"));
    shot("overview");
  }

  @Test
  void aJobCancelledThroughItsPageIsCancelledInTheStore() throws Exception {
    logIn();
    String id = app.createAs(OPS, "slow", "{}");
    assertThat(slowStarted.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    page.navigate(app.url("/console/jobs?status=waiting_for_worker").toString());
    assertThat(page.locator("table.jobs")).containsText(id);
    shot("jobs");
    page.click("a[href='/console/jobs/" + id + "']");
    assertThat(page.locator("#job-status")).hasText("waiting_for_worker");
    assertThat(page.locator("#state-graph g.node.current[data-state=run]")).hasCount(1);
    shot("job");
    page.click("#cancel");
    assertThat(page).hasURL(app.url("/console/jobs/" + id + "?done=cancel").toString());
    assertThat(page.locator(".notice")).hasText("Cancelled.");
    assertThat(page.locator("#job-status")).hasText("cancelled");
    assertThat(status(id)).isEqualTo("cancelled");
    HttpResponse<String> ledger =
        app.send(
            "GET",
            "/api/v1/ledger?type=admin.cancel&job_id=" + id,
            null,
            "X-Avtomatika-Token",
            OPS);
    assertThat(ledger.body()).contains("\"source\":\"console\"").contains("\"client\":\"ops\"");
  }

  @Test
  void aRobotDrainedThroughThePageIsDrainedInTheStoreAndAForgedFormIsRefused() throws Exception {
    logIn();
    page.navigate(app.url("/console/robots").toString());
    assertThat(page.locator("table.workers")).containsText("console-worker");
    assertThat(page.locator("table.robots")).containsText("Packing line");
    assertThat(page.locator("table.robots")).containsText("0 / 2");
    shot("robots");
    page.click("table.robots button:has-text('Drain')");
    assertThat(page).hasURL(app.url("/console/robots?done=drained").toString());
    assertThat(page.locator("table.robots")).containsText("(drained)");
    HttpResponse<String> stored =
        app.send("GET", "/api/v1/robots/robot-1", null, "X-Avtomatika-Token", OPS);
    assertThat(TestApp.JSON.readTree(stored.body()).path("maintenance").asBoolean()).isTrue();
    page.click("table.robots button:has-text('End drain')");
    assertThat(page.locator("table.robots")).not().containsText("(drained)");
    page.click("table.robots button:has-text('Pause')");
    assertThat(page.locator(".notice")).containsText("Paused");
    String id = app.createAs(OPS, "greet", "{}");
    var forged =
        page.request()
            .post(
                app.url("/console/jobs/" + id + "/cancel").toString(),
                RequestOptions.create().setForm(FormData.create().set("_csrf", "forged")));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.text()).contains("CSRF token is missing or wrong");
  }

  @Test
  void anOperatorOpensARobotFromTheListSendsItAJobAndSeesItRunWithoutAReload() throws Exception {
    // Another test pauses the robot through the list; it must take this job.
    HttpResponse<String> resumed =
        app.send(
            "POST",
            "/api/v1/robots/robot-1/commands",
            "{\"command\":\"resume\"}",
            "X-Avtomatika-Token",
            OPS);
    assertThat(resumed.statusCode()).isEqualTo(202);
    logIn();
    page.navigate(app.url("/console/robots").toString());
    page.click("table.robots a:has-text('robot-1')");
    assertThat(page).hasURL(app.url("/console/robots/robot-1").toString());
    assertThat(page.locator(".robot-tags")).containsText("line-2");
    assertThat(page.locator(".robot-capabilities")).containsText("ocr: true");
    page.fill("input[name=workflow_id]", "nightly-report");
    page.fill("textarea[name=parameters]", "{\"sheet\": ");
    page.click("form.send-job button[type=submit]");
    assertThat(page.locator("p.error")).containsText("not valid JSON at line 1");
    browser.refusedWith400();
    assertThat(page.locator("textarea[name=parameters]")).hasValue("{\"sheet\": ");
    page.fill("textarea[name=parameters]", "{\"sheet\": \"March\"}");
    page.click("form.send-job button[type=submit]");
    assertThat(page.locator(".notice")).containsText("sent to this robot");
    // Its end and its log line show whether they came before the page loaded or after (then the
    // section follows sse:jobs and sse:robots, without a reload).
    assertThat(page.locator("table.robot-recent"))
        .containsText(
            "completed", new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT.toMillis()));
    assertThat(page.locator("table.robot-logs"))
        .containsText(
            "read sheet March",
            new LocatorAssertions.ContainsTextOptions().setTimeout(WAIT.toMillis()));
    String ledger =
        app.send("GET", "/api/v1/ledger?type=admin.robot_job_send", null, "X-Avtomatika-Token", OPS)
            .body();
    assertThat(ledger).contains("nightly-report").contains("\"client\":\"ops\"");
    shot("robot");
  }

  @Test
  void anOperatorFiltersTheJobsResumesAQuarantineGroupAndResumesAFailedJobWithEditedInput()
      throws Exception {
    logIn();
    // A job that fails for real: the worker refuses a negative amount, a permanent error, which
    // quarantines the job at its failed step.
    String failed = app.createAs(OPS, "charge", "{\"amount\": -5}");
    await().atMost(WAIT).until(() -> "quarantined".equals(status(failed)));
    page.navigate(app.url("/console/jobs").toString());
    page.selectOption("select[name=blueprint]", "charge");
    page.fill("input[name=text]", failed.substring(0, 8));
    page.click("#job-filters button[type=submit]");
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*blueprint=charge.*text=.*"));
    assertThat(page.locator("table.jobs tbody tr")).hasCount(1);
    assertThat(page.locator("table.jobs")).containsText(failed);
    shot("jobs-filtered");
    page.click("a[href='/console/jobs/" + failed + "']");
    assertThat(page.locator("#job-status")).hasText("quarantined");
    // The editor says at once that a text is not JSON; the server refuses it with the place.
    page.fill("#resume-input", "{\"amount\": 5,}");
    assertThat(page.locator("#resume-input-check")).containsText("Not valid");
    page.click("#resume-submit");
    assertThat(page.locator(".notice"))
        .containsText("The initial data is not valid JSON at line 1");
    assertThat(status(failed)).isEqualTo("quarantined");
    browser.refusedWith400();
    page.fill("#resume-input", "{\"amount\": 5}");
    assertThat(page.locator("#resume-input-check")).hasText("");
    shot("job-resume");
    page.click("#resume-submit");
    assertThat(page.locator(".notice")).hasText("Resumed from the failed step.");
    await().atMost(WAIT).until(() -> "finished".equals(status(failed)));

    // Two jobs stuck on the same error, one on another: the lane groups them; one click resumes
    // the group, in the store.
    String[] held = {
      app.createAs(OPS, "held", "{}"),
      app.createAs(OPS, "held", "{}"),
      app.createAs(OPS, "held", "{}")
    };
    app.app().engine().quarantine(held[0], "no robot for the packing line");
    app.app().engine().quarantine(held[1], "no robot for the packing line");
    app.app().engine().quarantine(held[2], "label printer offline");
    page.navigate(app.url("/console/quarantine").toString());
    var group = page.locator(".group", new Page.LocatorOptions().setHasText("packing line"));
    assertThat(group).containsText("2 job(s)");
    shot("quarantine");
    group.locator("button:has-text('Resume all 2')").click();
    assertThat(page.locator("#resume-report")).containsText("2 job(s) resumed.");
    assertThat(status(held[0])).isEqualTo("waiting_for_worker");
    assertThat(status(held[1])).isEqualTo("waiting_for_worker");
    assertThat(status(held[2])).isEqualTo("quarantined");
    assertThat(page.locator(".group")).not().containsText("packing line");
  }

  @Test
  void anOperatorPushesADraftOfABlueprintAndPublishesIt() throws Exception {
    String invoice =
        """
        {"name": "invoice", "description": "Bill a customer", "start": "draft",
         "states": {
           "draft": {"dispatch": {"task": "draft-invoice"}, "on": {"success": "review"}},
           "review": {"approval": {"message": "Send it?"},
                      "on": {"approve": "send", "reject": "draft"}},
           "send": {"dispatch": {"task": "send-invoice"},
                    "on": {"success": "finished", "bounced": "failed"}}}}
        """;
    HttpResponse<String> pushed =
        app.send(
            "POST",
            "/api/v1/blueprints?folder=billing&tags=money&publish=true",
            invoice,
            "X-Avtomatika-Token",
            OPS);
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    String refund =
        "{\"name\": \"refund\", \"start\": \"pay\", \"states\": {\"pay\": {\"dispatch\":"
            + " {\"task\": \"refund\"}, \"on\": {\"success\": \"finished\"}}}}";
    app.send(
        "POST",
        "/api/v1/blueprints?folder=billing/cards&tags=money",
        refund,
        "X-Avtomatika-Token",
        OPS);
    app.createAs(OPS, "invoice", "{}");
    logIn();
    page.click("header nav a:has-text('Blueprints')");
    assertThat(page).hasURL(app.url("/console/blueprints").toString());
    var row = page.locator("tr[data-blueprint=invoice]");
    assertThat(page.locator("[data-folder=billing]")).containsText("billing/");
    assertThat(row.locator(".published")).hasText("v1");
    assertThat(row.locator(".running")).hasText("1");
    assertThat(page.locator("[data-folder='billing/cards'] tr[data-blueprint=refund] .published"))
        .hasText("none"); // only a draft
    shot("blueprints");
    row.locator("a[href='/console/blueprints/invoice']").click();
    assertThat(page.locator("#state-graph g.node")).hasCount(5); // three states, two ends
    assertThat(page.locator("#state-graph [data-state=review]")).containsText("approval");
    // Version 2 reminds before it sends: a new state between review and send.
    String v2 =
        invoice
            .replace("\"approve\": \"send\"", "\"approve\": \"remind\"")
            .replace(
                "\"send\": {",
                "\"remind\": {\"dispatch\": {\"task\": \"remind\"}, \"on\": {\"success\":"
                    + " \"send\"}},\n   \"send\": {");
    page.fill("#push-document", v2);
    page.click("#push-submit");
    assertThat(page)
        .hasURL(app.url("/console/blueprints/invoice?version=2&done=pushed").toString());
    assertThat(page.locator("#blueprint-notice")).containsText("Stored as a draft");
    assertThat(page.locator("tr[data-version='2'] .version-status")).hasText("draft");
    assertThat(page.locator("#diff .add").first()).containsText("remind");
    page.click("tr[data-version='2'] button.publish");
    assertThat(page.locator("#blueprint-notice")).containsText("Published");
    assertThat(page.locator("tr[data-version='2'] .version-status")).hasText("published");
    assertThat(page.locator("#published-version")).hasText("v2");
    assertThat(page.locator("#state-graph [data-state=remind]")).hasCount(1);
    HttpResponse<String> versions =
        app.send("GET", "/api/v1/blueprints/invoice/versions", null, "X-Avtomatika-Token", OPS);
    assertThat(TestApp.JSON.readTree(versions.body()).get(1).path("status").asString())
        .isEqualTo("published");
    shot("blueprint");
  }

  @Test
  void anOperatorOpensAScheduleAndRunsItNow() throws Exception {
    HttpResponse<String> made =
        app.send(
            "POST",
            "/api/v1/schedules",
            "{\"name\":\"warsaw-sundays\",\"blueprint\":\"greet\",\"cron\":\"0 12 * 3,10 0\","
                + "\"timezone\":\"Europe/Warsaw\"}",
            "X-Avtomatika-Token",
            OPS);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String id = TestApp.JSON.readTree(made.body()).path("id").asString();
    logIn();
    page.click("header nav a:has-text('Schedules')");
    assertThat(page.locator("table.schedules")).containsText("warsaw-sundays");
    page.click("table.schedules a:has-text('warsaw-sundays')");
    assertThat(page).hasURL(app.url("/console/schedules/" + id).toString());
    // Any ten Sundays of March and October in a row hold one whole month, and its DST change.
    assertThat(page.locator("table.fires .badge.dst").first()).containsText("DST: ");
    assertThat(page.locator("table.runs")).containsText("It has not run yet.");
    page.click("button:has-text('Run now')");
    assertThat(page).hasURL(app.url("/console/schedules/" + id + "?done=triggered").toString());
    assertThat(page.locator("table.runs")).containsText("triggered");
    JsonNode runs =
        TestApp.JSON.readTree(
            app.send("GET", "/api/v1/schedules/" + id + "/runs", null, "X-Avtomatika-Token", OPS)
                .body());
    String job = runs.get(0).path("job_id").asString();
    assertThat(page.locator("table.runs a[href='/console/jobs/" + job + "']")).isVisible();
    await().atMost(WAIT).until(() -> status(job).equals("finished"));
    // A run started elsewhere (here: the API) shows in the open page's history without a reload.
    HttpResponse<String> again =
        app.send("POST", "/api/v1/schedules/" + id + "/trigger", null, "X-Avtomatika-Token", OPS);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    assertThat(page.locator("table.runs tbody tr")).hasCount(2);
    shot("schedules");
  }

  @Test
  void anOperatorCommandsAComponentSeesItsStateChangeLiveAndRunsAScenario() throws Exception {
    logIn();
    page.click("header nav a:has-text('Scenarios')");
    assertThat(page).hasURL(app.url("/console/scenarios").toString());
    assertThat(page.locator("td.state[data-component=press]")).hasText("STOPPED");
    assertThat(page.locator("body[data-live=open]")).hasCount(1);
    page.selectOption("select[aria-label='Command for press']", "CMD_INITIALIZED");
    page.click("table.components button:has-text('Send')");
    assertThat(page.locator("p.notice")).containsText("Sent CMD_INITIALIZED to press");
    page.evaluate("() => { window.notReloaded = true; }");
    // The poll sees the new state and the components channel refreshes the table in place.
    assertThat(page.locator("td.state[data-component=press]")).hasText("INITIALIZED");
    assertThat(page.evaluate("() => window.notReloaded === true")).isEqualTo(true);
    shot("scenarios");
    page.click("table.scenarios a:has-text('hello')");
    assertThat(page.locator("dl.facts")).containsText("Greets from the console");
    page.click("button:has-text('Run now')");
    assertThat(page.locator("#run-status")).hasText("finished");
    assertThat(page.locator("table.actions-done")).containsText("hello from the browser");
    shot("scenario-run");
  }

  @Test
  void anAdminRunsALoopCycleAndSeesItChartedAndInTheLedgerSearch() throws Exception {
    logIn("root-token");
    page.click("header nav a:has-text('Loop')");
    assertThat(page).hasURL(app.url("/console/loop").toString());
    page.click("button:has-text('Run once')");
    assertThat(page.locator("p.notice")).containsText("ran now");
    assertThat(page.locator("table.cycles")).containsText("manual");
    assertThat(page.locator("#loop-chart canvas")).hasCount(1);
    assertThat(page.locator("#loop-chart[data-drawn]")).hasCount(1);
    org.assertj.core.api.Assertions.assertThat(
            Integer.parseInt(page.locator("#loop-chart").getAttribute("data-drawn")))
        .isGreaterThanOrEqualTo(1);
    shot("loop");
    page.click("header nav a:has-text('Ledger')");
    page.fill("input[name=type]", "admin.*");
    page.waitForNavigation(() -> page.click("#ledger-filters button[type=submit]"));
    assertThat(page.locator("table.ledger")).containsText("admin.orchestrator_run_once");
    page.fill("input[name=type]", "orchestrator.cycle_*");
    page.waitForNavigation(() -> page.click("#ledger-filters button[type=submit]"));
    assertThat(page.locator("table.ledger")).containsText("orchestrator.cycle_");
    shot("ledger");
  }

  private void logIn() {
    logIn(OPS);
  }

  private void logIn(String token) {
    browser.logIn(app, token);
  }

  private int figure(String id) {
    return Integer.parseInt(page.locator("[data-figure=" + id + "]").innerText().strip());
  }

  private String status(String id) throws Exception {
    return app.job(id, "X-Avtomatika-Token", OPS).path("status").asString();
  }

  private void shot(String name) {
    browser.shot(name);
  }
}
