package dev.baton.app;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import dev.baton.worker.sdk.robot.RobotClient;
import java.net.URI;
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
 * The console's editors and work views in Debian's chromium, against one real server (SQLite, a
 * clients file) with a real worker and a real robot: a schedule written in the JSON editor, its
 * fires previewed, bad JSON refused with the text kept, saved and edited; a blueprint's running
 * jobs migrated from its page, first as a dry run; a robot sent a job with a priority, a timeout
 * and a tag, a bad timeout refused; a job's page showing its task's progress and its log lines as
 * they come, without a reload. Each checks what the store holds afterwards through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserFlowsTest {
  private static final String OPS = "ops-token";

  /** Every Sunday of March and October at noon: any ten fires hold a DST change. */
  private static final String SUNDAYS = "0 12 * 3,10 0";

  private TestApp app;
  private Worker worker;
  private RobotClient robot;
  private ConsoleBrowser browser;
  private Page page;
  private final CountDownLatch reportReleased = new CountDownLatch(1);
  private final CountDownLatch scanReleased = new CountDownLatch(1);

  @BeforeAll
  void start() throws Exception {
    ConsoleBrowser.assumeChromium();
    Path dir = Files.createTempDirectory("baton-console-flows");
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    for (String[] b : new String[][] {{"report", "report"}, {"wait", "nobody-runs-this"}}) {
      Files.writeString(
          blueprints.resolve(b[0] + ".yaml"),
          """
          name: %s
          start: run
          states:
            run:
              dispatch: { task: %s }
              on: { success: finished }
          """
              .formatted(b[0], b[1]));
    }
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [ops]
            token = "ops-token"
            monthly_attempts = 100000
            role = "operator"
            """);
    app =
        TestApp.start(
            dir.resolve("data"),
            blueprints,
            // The robot sends no heartbeats: the class must not outlast the stale timeout.
            Map.of(
                "ROBOT_STALE_TIMEOUT_SECONDS",
                "3600",
                "CLIENTS_CONFIG_PATH",
                clients.toString(),
                "WORKER_POLL_TIMEOUT_SECONDS",
                "2",
                "ROBOT_AUTH_TOKEN",
                "robot-secret"));
    worker =
        Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "flows-worker")
            .token("secure-worker-token")
            .websocket(true)
            .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
            .handle(
                "report",
                (task, ctx) -> {
                  ctx.progress(0.4, "counted 40 of 100 rows");
                  reportReleased.await();
                  return TaskResult.success(Map.of("rows", 100));
                })
            .build();
    worker.start();
    robot =
        RobotClient.builder(URI.create("ws://127.0.0.1:" + app.port() + "/robots/ws"), "robot-7")
            .name("Scanning desk")
            .authToken("robot-secret")
            .maxConcurrentJobs(1)
            .tags("scanning", "floor-3")
            .heartbeatInterval(Duration.ZERO)
            .handler((job, ctx) -> {
              ctx.log("INFO", "opened " + job.parameters().get("file"), "open-file", Map.of());
              ctx.progress(40, "ocr", "reading page 2 of 5");
              scanReleased.await();
              ctx.log("INFO", "read 5 pages", "ocr", Map.of());
              return Map.of("pages", 5);
            })
            .connect();
    browser = ConsoleBrowser.launch();
  }

  @AfterAll
  void stop() {
    reportReleased.countDown();
    scanReleased.countDown();
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
  }

  @BeforeEach
  void newContext() {
    page = browser.open();
    browser.logIn(app, OPS);
  }

  @AfterEach
  void closeContext() {
    browser.closePage();
  }

  @Test
  void anOperatorWritesAScheduleInTheEditorPreviewsItsFiresSavesAndEditsIt() throws Exception {
    page.click("header nav a:has-text('Schedules')");
    page.click("#new-schedule");
    assertThat(page).hasURL(app.url("/console/schedules/new").toString());
    assertThat(page.locator("#schedule-definition")).hasValue(contains("nightly-report"));
    // Bad JSON: the editor says so at once, the server refuses it naming the place, the text stays.
    String broken = "{\"name\": \"sundays\", \"blueprint\": \"report\",";
    page.fill("#schedule-definition", broken);
    assertThat(page.locator("#schedule-definition-check")).containsText("Not valid");
    page.click("#schedule-save");
    assertThat(page.locator("#schedule-problem")).containsText("not valid JSON at line 1");
    browser.refusedWith400();
    assertThat(page.locator("#schedule-definition")).hasValue(broken);
    assertThat(schedules()).isEmpty();

    String doc =
        "{\"name\": \"sundays\", \"blueprint\": \"report\", \"cron\": \""
            + SUNDAYS
            + "\", \"timezone\": \"Europe/Warsaw\"}";
    page.fill("#schedule-definition", doc);
    assertThat(page.locator("#schedule-definition-check")).hasText("");
    page.click("#schedule-preview");
    assertThat(page.locator("h2:has-text('Next fires if saved')")).isVisible();
    assertThat(page.locator("table.fires")).containsText("Fire (Europe/Warsaw)");
    assertThat(page.locator("table.fires .badge.dst").first()).containsText("DST: ");
    assertThat(page.locator("#schedule-definition")).hasValue(doc);
    assertThat(schedules()).isEmpty(); // a preview saves nothing
    browser.shot("schedule-editor");

    page.click("#schedule-save");
    JsonNode saved = schedules();
    assertThat(saved).hasSize(1);
    String id = saved.get(0).path("id").asString();
    assertThat(page).hasURL(app.url("/console/schedules/" + id + "?done=created").toString());
    assertThat(page.locator(".notice")).containsText("Created");
    assertThat(page.locator("dl.facts")).containsText("cron " + SUNDAYS);
    assertThat(saved.get(0).path("timezone").asString()).isEqualTo("Europe/Warsaw");

    page.click("#schedule-edit");
    assertThat(page.locator("h1")).hasText("Edit schedule sundays");
    assertThat(page.locator("#schedule-definition")).hasValue(contains("Europe/Warsaw"));
    page.fill("#schedule-definition", "{\"interval_seconds\": 600, \"timezone\": \"UTC\"}");
    page.click("#schedule-save");
    assertThat(page).hasURL(app.url("/console/schedules/" + id + "?done=updated").toString());
    assertThat(page.locator("dl.facts")).containsText("interval_seconds 600");
    JsonNode stored = TestApp.JSON.readTree(api("/api/v1/schedules/" + id));
    assertThat(stored.path("timezone").asString()).isEqualTo("UTC");
    assertThat(stored.toString()).doesNotContain(SUNDAYS);
    assertThat(api("/api/v1/ledger?type=admin.schedule_*"))
        .contains("admin.schedule_create")
        .contains("admin.schedule_update");
  }

  @Test
  void anOperatorMigratesABlueprintsRunningJobsFromItsPageAfterADryRun() throws Exception {
    String[] jobs = {app.createAs(OPS, "wait", "{}"), app.createAs(OPS, "wait", "{}")};
    String v2 =
        "{\"name\": \"wait\", \"start\": \"run\", \"states\": {"
            + "\"run\": {\"dispatch\": {\"task\": \"nobody-runs-this\"},"
            + " \"on\": {\"success\": \"finished\", \"skip\": \"extra\"}},"
            + "\"extra\": {\"dispatch\": {\"task\": \"other\"}, \"on\": {\"success\": \"finished\"}}}}";
    var pushed = app.send("POST", "/api/v1/blueprints?publish=true", v2, "X-Avtomatika-Token", OPS);
    assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    page.click("header nav a:has-text('Blueprints')");
    page.click("a[href='/console/blueprints/wait']");
    page.selectOption("#check-form select[name=against]", "1");
    page.click("#check-form button[type=submit]");
    assertThat(page.locator("#check-verdict")).hasText("compatible");
    assertThat(page.locator("#migrate-submit")).hasText("Migrate the running jobs from v1 to v2");

    page.check("#migrate-form input[name=dry_run]");
    page.click("#migrate-submit");
    assertThat(page.locator("#blueprint-notice"))
        .containsText("Dry run, nothing moved: moved 2, refused 0, deferred 0, skipped 0");
    assertThat(page.locator("#migration-moves")).containsText("Job " + jobs[0] + ": MOVED");
    assertThat(page.locator("#migration-moves li")).hasCount(2);
    assertThat(version(jobs[0])).isEqualTo(1);
    assertThat(version(jobs[1])).isEqualTo(1);
    browser.shot("blueprint-migrate");

    page.selectOption("#check-form select[name=against]", "1");
    page.click("#check-form button[type=submit]");
    assertThat(page.locator("#migrate-form input[name=dry_run]")).not().isChecked();
    page.click("#migrate-submit");
    assertThat(page.locator("#blueprint-notice")).containsText("Migrated: moved 2, refused 0");
    assertThat(version(jobs[0])).isEqualTo(2);
    assertThat(version(jobs[1])).isEqualTo(2);
    assertThat(api("/api/v1/ledger?type=admin.blueprint_migrate"))
        .contains("\"dry_run\":true")
        .contains("\"dry_run\":false")
        .contains("\"moved\":2");
  }

  @Test
  void aJobSentToARobotWithPriorityTimeoutAndTagsShowsItsProgressAndLogsLive() throws Exception {
    page.navigate(app.url("/console/robots/robot-7").toString());
    page.fill("input[name=workflow_id]", "scan");
    page.fill("#send-parameters", "{\"file\": \"march.pdf\"}");
    page.selectOption("#send-priority", "HIGH");
    page.fill("#send-timeout", "0");
    page.fill("#send-tags", "scanning");
    page.click("form.send-job button[type=submit]");
    assertThat(page.locator("p.error")).containsText("Timeout must be between 1 and 2678400");
    browser.refusedWith400();
    // The refused form keeps every field as typed.
    assertThat(page.locator("#send-priority")).hasValue("HIGH");
    assertThat(page.locator("#send-tags")).hasValue("scanning");
    assertThat(page.locator("#send-parameters")).hasValue("{\"file\": \"march.pdf\"}");
    page.fill("#send-timeout", "120");
    page.click("form.send-job button[type=submit]");
    assertThat(page.locator(".notice")).containsText("sent to this robot");
    String url = page.url();
    String job = url.substring(url.indexOf("job=") + 4);
    JsonNode sent = TestApp.JSON.readTree(api("/api/v1/robot-jobs/" + job));
    assertThat(sent.path("priority").asString()).isEqualTo("HIGH");
    assertThat(sent.path("timeout_seconds").asInt()).isEqualTo(120);
    assertThat(api("/api/v1/jobs/" + job)).contains("\"tags\":[\"scanning\"]");

    // The job's page follows the robot's progress and log lines as they come.
    page.navigate(app.url("/console/jobs/" + job).toString());
    page.evaluate("() => { window.notReloaded = true; }");
    assertThat(page.locator("#job-progress")).containsText("40 % at node ocr: reading page 2 of 5");
    assertThat(page.locator("#job-logs")).containsText("opened march.pdf");
    browser.shot("job-robot");
    scanReleased.countDown();
    assertThat(page.locator("#job-logs")).containsText("read 5 pages");
    assertThat(page.evaluate("() => window.notReloaded === true")).isEqualTo(true);
    await()
        .atMost(ConsoleBrowser.WAIT)
        .until(() -> api("/api/v1/robot-jobs/" + job).contains("\"status\":\"completed\""));
  }

  @Test
  void aWorkersTaskShowsItsProgressOnTheJobsPageAndItsEndWithoutAReload() throws Exception {
    String id = app.createAs(OPS, "report", "{}");
    page.navigate(app.url("/console/jobs/" + id).toString());
    page.evaluate("() => { window.notReloaded = true; }");
    assertThat(page.locator("#job-progress")).containsText("40 %: counted 40 of 100 rows");
    var task = page.locator("#job-work tbody tr", new Page.LocatorOptions().setHasText("report"));
    assertThat(task).containsText("leased");
    assertThat(task).containsText("flows-worker");
    browser.shot("job-task");
    reportReleased.countDown();
    await().atMost(ConsoleBrowser.WAIT).until(() -> "finished".equals(status(id)));
    assertThat(task).containsText("done");
    assertThat(page.evaluate("() => window.notReloaded === true")).isEqualTo(true);
  }

  /** A value holding the text (Playwright tests the pattern in the page, as a JS search). */
  private static java.util.regex.Pattern contains(String plainText) {
    return java.util.regex.Pattern.compile(plainText);
  }

  private JsonNode schedules() throws Exception {
    return TestApp.JSON.readTree(api("/api/v1/schedules"));
  }

  private int version(String job) throws Exception {
    return TestApp.JSON.readTree(api("/api/v1/jobs/" + job)).path("blueprint_version").asInt();
  }

  private String status(String job) throws Exception {
    return app.job(job, "X-Avtomatika-Token", OPS).path("status").asString();
  }

  private String api(String path) throws Exception {
    return app.send("GET", path, null, "X-Avtomatika-Token", OPS).body();
  }
}
