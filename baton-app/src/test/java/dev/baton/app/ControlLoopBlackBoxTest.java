package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The control loop and the ledger through the real server on SQLite: Stakazo's routes and shapes, a
 * cycle that quarantines a stuck job and alerts a local webhook, the timer, and a restart that
 * keeps the ledger.
 */
class ControlLoopBlackBoxTest {
  @TempDir Path dir;
  final List<String> alerts = new CopyOnWriteArrayList<>();
  HttpServer receiver;
  Path blueprints;
  Map<String, String> env;
  TestApp app;

  @BeforeEach
  void start() throws Exception {
    blueprints = Files.createDirectories(dir.resolve("blueprints"));
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
    String defaults = dev.baton.loop.ControlLoop.Builder.defaultRules();
    // The built-in rules, with every active job counted as stuck at once and an alert as soon as
    // two jobs wait: what takes an hour in production happens in this test's first cycle.
    Files.writeString(
        rules,
        defaults.replace("stuck_after_minutes: 60", "stuck_after_minutes: 0")
            + """

              - name: alert_on_waiting_jobs
                when: queue.depth >= 2
                action: alert
                priority: 10
                cooldown_seconds: 3600
                params:
                  message: "'jobs waiting: ' + string(queue.depth)"
            """);
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/alerts",
        exchange -> {
          alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    env = new HashMap<>();
    env.put("ORCHESTRATOR_RULES_FILE", rules.toString());
    env.put("ORCHESTRATOR_INTERVAL_SECONDS", "1");
    env.put(
        "ORCHESTRATOR_ALERT_WEBHOOK_URL",
        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts");
    app = TestApp.start(dir.resolve("data"), blueprints, env);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    receiver.stop(0);
  }

  JsonNode call(String method, String path) throws Exception {
    HttpResponse<String> r = app.send(method, path, null);
    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
    return TestApp.JSON.readTree(r.body());
  }

  List<String> types(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(e -> out.add(e.get("type").asString()));
    return out;
  }

  @Test
  void aCycleQuarantinesTheStuckJobAlertsAndIsInTheLedgerAcrossARestart() throws Exception {
    assertThat(call("GET", "/orchestrator/status").toString())
        .isEqualTo("{\"status\":\"ok\",\"running\":false}");
    String id = app.create("lonely", "{}");
    String second = app.create("lonely", "{}");

    JsonNode snapshot = call("GET", "/orchestrator/snapshot");
    assertThat(snapshot.get("status").asString()).isEqualTo("ok");
    assertThat(snapshot.at("/snapshot/jobs/waiting_for_worker").asLong()).isEqualTo(2);
    assertThat(snapshot.at("/snapshot/queue/depth").asLong()).isEqualTo(2);
    assertThat(snapshot.at("/snapshot/system/status").asString()).isNotEmpty();

    JsonNode result = call("POST", "/orchestrator/run-once").get("result");
    assertThat(result.at("/decision/decision").asString()).isEqualTo("execute_actions");
    assertThat(result.at("/decision/top_priority/action_type").asString()).isEqualTo("alert");
    JsonNode results = result.at("/execution/results");
    assertThat(results.get(0).get("action_type").asString()).isEqualTo("alert");
    assertThat(results.get(0).get("status").asString()).isEqualTo("success");
    assertThat(results.get(1).get("action_type").asString()).isEqualTo("quarantine_stuck_jobs");
    assertThat(results.get(1).at("/result/quarantined").toString()).contains(id, second);
    assertThat(result.at("/execution/success_count").asLong()).isEqualTo(2);
    assertThat(app.job(id).get("status").asString()).isEqualTo("quarantined");
    assertThat(alerts).hasSize(1);
    assertThat(alerts.getFirst()).contains("jobs waiting: 2");

    JsonNode action =
        call("GET", "/api/v1/ledger?type=orchestrator.action_executed&order=asc")
            .get("items")
            .get(1);
    assertThat(action.at("/details/rule").asString()).isEqualTo("quarantine_stuck_jobs");
    assertThat(action.at("/details/priority").asLong()).isEqualTo(8);
    assertThat(action.at("/details/reads/jobs.stuck").asLong()).isEqualTo(2);
    assertThat(types(call("GET", "/api/v1/ledger?job_id=" + id + "&order=asc")))
        .containsExactly("job.waiting_for_worker", "job.quarantined");
    assertThat(types(call("GET", "/api/v1/ledger?type=admin.*")))
        .containsExactly("admin.blueprints_loaded");

    long before = call("GET", "/api/v1/ledger?limit=1").get("items").get(0).get("seq").asLong();
    app.close();
    app = TestApp.start(dir.resolve("data"), blueprints, env);
    JsonNode all = call("GET", "/api/v1/ledger?order=asc&limit=1000");
    assertThat(all.get("items").size()).isGreaterThanOrEqualTo((int) before);
    assertThat(types(all))
        .contains(
            "orchestrator.cycle_completed", "orchestrator.action_executed", "job.quarantined");
  }

  @Test
  void enableRunsCyclesOnTheTimerUntilDisable() throws Exception {
    JsonNode enabled = call("POST", "/api/v1/orchestrator/enable");
    assertThat(enabled.toString())
        .isEqualTo(
            "{\"status\":\"ok\",\"orchestrator\":"
                + "{\"status\":\"started\",\"interval_seconds\":1,\"enabled\":true}}");
    assertThat(call("POST", "/orchestrator/enable").at("/orchestrator/status").asString())
        .isEqualTo("already_running");
    assertThat(call("GET", "/orchestrator/status").get("running").asBoolean()).isTrue();
    await()
        .until(
            () -> call("GET", "/api/v1/ledger?type=orchestrator.cycle_*").get("items").size() >= 2);
    assertThat(call("POST", "/orchestrator/disable").toString())
        .isEqualTo("{\"status\":\"ok\",\"orchestrator\":{\"status\":\"stopped\"}}");
    assertThat(call("POST", "/orchestrator/disable").at("/orchestrator/status").asString())
        .isEqualTo("not_running");
    assertThat(call("GET", "/orchestrator/status").get("running").asBoolean()).isFalse();
    JsonNode admin = call("GET", "/api/v1/ledger?type=admin.orchestrator_*&order=asc");
    assertThat(types(admin))
        .containsExactly("admin.orchestrator_enabled", "admin.orchestrator_disabled");
    assertThat(admin.at("/items/0/source").asString()).isEqualTo("api");
  }

  @Test
  void theApiDocumentDescribesEveryRouteOfTheWholeApplication() throws Exception {
    JsonNode spec =
        YAMLMapper.builder().build().readTree(app.send("GET", "/api/openapi.yaml", null).body());
    Set<String> documented = new TreeSet<>();
    for (String path : spec.path("paths").propertyNames()) {
      for (String key : spec.path("paths").path(path).propertyNames()) {
        if (Set.of("get", "post", "put", "patch", "delete").contains(key)) {
          documented.add(key.toUpperCase(Locale.ROOT) + " " + path);
        }
      }
    }
    Set<String> served = new TreeSet<>();
    // The console's pages are HTML for people, not API: the access table lists them, this does not.
    app.routes().stream()
        .filter(r ->
            dev.baton.server.route.RouteTable.find(r.method(), r.path())
                .map(row -> row.access() != dev.baton.server.route.RouteAccess.CONSOLE)
                .orElse(true))
        .forEach(r -> served.add(r.toString().replace('<', '{').replace('>', '}')));
    assertThat(served).contains("POST /orchestrator/run-once", "GET /api/v1/ledger");
    assertThat(documented).isEqualTo(served);
  }

  /** Issue 15: one route-to-role table, in code and in docs/access.md, covering every route. */
  @Test
  void everyRouteHasARowInTheAccessTableAndTheDocsShowThatTable() throws Exception {
    Set<String> table = new TreeSet<>();
    dev.baton.server.route.RouteTable.ROWS.forEach(r -> table.add(r.key()));
    Set<String> served = new TreeSet<>();
    app.routes().forEach(r -> served.add(r.toString()));
    assertThat(table).containsAll(served);

    Path doc = Path.of("..", "docs", "access.md");
    List<String> documented = new java.util.ArrayList<>();
    java.util.regex.Pattern row =
        java.util.regex.Pattern.compile("^\\| ([A-Z]+) \\| `([^`]+)` \\| ([a-z]+) \\| (yes)? \\|$");
    for (String line : Files.readAllLines(doc)) {
      java.util.regex.Matcher m = row.matcher(line);
      if (m.matches()) {
        documented.add(
            m.group(1) + " " + m.group(2) + " " + m.group(3) + " " + (m.group(4) != null));
      }
    }
    List<String> code =
        dev.baton.server.route.RouteTable.ROWS.stream()
            .map(r -> r.key() + " " + r.access().wireName() + " " + r.ownOnly())
            .toList();
    assertThat(documented).as("the table in docs/access.md").isEqualTo(code);
  }

  @Test
  void aBadRulesFileStopsTheStartNamingTheFileAndTheRule() throws Exception {
    app.close();
    app = null;
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad, "rules: [{name: oops, when: 'jobs.stuck >', action: alert, priority: 1}]");
    env.put("ORCHESTRATOR_RULES_FILE", bad.toString());
    try {
      app = TestApp.start(dir.resolve("data"), blueprints, env);
      throw new AssertionError("a bad rules file was accepted");
    } catch (Settings.ConfigException e) {
      assertThat(e.getMessage())
          .contains("ORCHESTRATOR_RULES_FILE")
          .contains(bad.toString())
          .contains("rule 'oops'")
          .contains("does not compile");
    }
  }
}
