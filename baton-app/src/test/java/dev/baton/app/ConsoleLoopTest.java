package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The console's Control loop panel over plain HTTP, on the real loop with the built-in rules (a job
 * counts as stuck at once): a cycle run once through the form quarantines a stuck job, and the page
 * shows it with the rule, its priority and the snapshot value it read; the chart's series comes
 * from the ledger; enable and disable switch the timer; a forged form, an operator and a client are
 * refused the switch.
 */
class ConsoleLoopTest {
  @TempDir Path dir;
  TestApp app;
  final ConsoleForms forms = new ConsoleForms();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private void start(Map<String, String> more) throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("lonely.yaml"),
        """
        name: lonely
        start: wait
        states:
          wait:
            dispatch: { task: nobody_serves_this }
            on: { success: finished }
        """);
    Path rules = dir.resolve("rules.yaml");
    Files.writeString(
        rules,
        dev.baton.loop.ControlLoop.Builder.defaultRules()
                .replace("stuck_after_minutes: 60", "stuck_after_minutes: 0")
            + """

              - name: divides_by_zero
                when: "jobs.total / 0 > 1"
                action: quarantine_stuck_jobs
                priority: 3
            """);
    Map<String, String> env = new HashMap<>(more);
    env.put("ORCHESTRATOR_RULES_FILE", rules.toString());
    env.put("ORCHESTRATOR_INTERVAL_SECONDS", "1");
    app = TestApp.start(dir.resolve("data"), blueprints, env);
  }

  @Test
  void anAdminRunsACycleSeesItsDecisionsAndSwitchesTheTimer() throws Exception {
    start(Map.of());
    String job = app.create("lonely", "{}");
    HttpResponse<String> page = get("/console/loop");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(">Loop</a>")
        .contains("No cycle is recorded yet.")
        .contains("<dd id=\"loop-state\">disabled, a cycle every 1.0 s</dd>")
        .contains("data-series=\"/console/loop/series\"")
        .doesNotContain("style=");
    String csrf = csrf(page.body());

    assertThat(post("/console/loop/run-once", "_csrf=forged").statusCode()).isEqualTo(403);
    assertThat(types("orchestrator.cycle_*")).isEmpty();

    HttpResponse<String> ran = post("/console/loop/run-once", "_csrf=" + csrf);
    assertThat(ran.statusCode()).isEqualTo(303);
    assertThat(ran.headers().firstValue("Location")).hasValue("/console/loop?done=ran&cycle=1");
    assertThat(app.job(job).path("status").asString()).isEqualTo("quarantined");
    HttpResponse<String> after = get("/console/loop?done=ran&cycle=1");
    assertThat(after.body())
        .contains("Cycle 1 ran now")
        .contains("<td>1</td>")
        .contains("<td>manual</td>")
        .contains("<strong>quarantine_stuck_jobs</strong> (priority 8) → quarantine_stuck_jobs")
        .contains("jobs.stuck=1")
        .contains("rule failed on the snapshot: divides_by_zero:")
        .contains(job);
    assertThat(get("/console/loop?done=ran&cycle=%3Cb%3E").body()).doesNotContain("ran now");
    assertThat(types("admin.orchestrator_run_once").toString()).contains("\"cycle\":1");

    JsonNode series = TestApp.JSON.readTree(get("/console/loop/series").body());
    assertThat(series.path("at")).hasSize(1);
    assertThat(series.path("duration_ms").get(0).isNumber()).isTrue();
    assertThat(series.path("health").get(0).isNumber()).isTrue();

    HttpResponse<String> enabled = post("/console/loop/enable", "_csrf=" + csrf);
    assertThat(enabled.statusCode()).isEqualTo(303);
    assertThat(app.send("GET", "/orchestrator/status", null).body()).contains("\"running\":true");
    assertThat(post("/console/loop/enable", "_csrf=" + csrf).statusCode()).isEqualTo(409);
    await()
        .until(
            () -> TestApp.JSON.readTree(get("/console/loop/series").body()).path("at").size() >= 2);
    assertThat(get("/console/loop").body())
        .contains("<td>timer</td>")
        .contains(">Disable</button>");
    assertThat(post("/console/loop/disable", "_csrf=" + csrf).statusCode()).isEqualTo(303);
    assertThat(app.send("GET", "/orchestrator/status", null).body()).contains("\"running\":false");
    HttpResponse<String> again = post("/console/loop/disable", "_csrf=" + csrf);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already disabled");
    assertThat(types("admin.orchestrator_*").toString())
        .contains(
            "admin.orchestrator_enabled", "admin.orchestrator_disabled", "\"source\":\"console\"");
  }

  @Test
  void anOperatorSeesTheLoopButMayNotSwitchItAndAClientMayNotSeeIt() throws Exception {
    Path clients =
        Files.writeString(
            dir.resolve("clients.toml"),
            """
            [ops]
            token = "ops-token"
            monthly_attempts = 1000
            role = "operator"
            [alice]
            token = "alice-token"
            monthly_attempts = 1000
            """);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    assertThat(post("/console/login", "token=ops-token").statusCode()).isEqualTo(303);
    HttpResponse<String> page = get("/console/loop");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain(">Run once</button>");
    String csrf = csrf(page.body());
    HttpResponse<String> refused = post("/console/loop/run-once", "_csrf=" + csrf);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("this page needs admin");
    assertThat(types("orchestrator.cycle_*", "X-Avtomatika-Token", "ops-token")).isEmpty();

    ConsoleForms alice = new ConsoleForms();
    assertThat(alice.post(app, "/console/login", "token=alice-token").statusCode()).isEqualTo(303);
    assertThat(alice.get(app, "/console/loop").statusCode()).isEqualTo(403);
    assertThat(alice.get(app, "/console/loop/series").statusCode()).isEqualTo(403);
  }

  /** The ledger's entries of {@code type}, read through the API with {@code headers}. */
  private JsonNode types(String type, String... headers) throws Exception {
    HttpResponse<String> r = app.send("GET", "/api/v1/ledger?type=" + type, null, headers);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return TestApp.JSON.readTree(r.body()).path("items");
  }

  private static String csrf(String html) {
    return ConsoleForms.csrf(html);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return forms.get(app, path);
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return forms.post(app, path, form);
  }
}
