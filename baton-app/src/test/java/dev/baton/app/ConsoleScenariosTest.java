package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.component.Event;
import dev.baton.component.FsmState;
import dev.baton.component.SimulatedComponent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's Components and scenarios panel over plain HTTP, on a simulated avena component and
 * scenario files: the component's FSM state, an FSM command sent through its form and seen by the
 * component, a scenario run now and its run's actions, max_executions blocking a run until the ACK,
 * each action in the ledger; a forged form, a bad command, unknown names and a client refused.
 */
class ConsoleScenariosTest {
  @TempDir Path dir;
  TestApp app;
  SimulatedComponent press;

  /** The commands the component was sent, with their data. */
  final java.util.Queue<Event> commands = new java.util.concurrent.ConcurrentLinkedQueue<>();

  final ConsoleForms forms = new ConsoleForms();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (press != null) {
      press.close();
    }
  }

  private void start(Map<String, String> more) throws Exception {
    press =
        new SimulatedComponent("press", Duration.ofMillis(10)) {
          @Override
          protected void handle(Event e) {
            if (e.result() == null && e.eventType().startsWith("CMD_")) {
              commands.add(e);
            }
            super.handle(e);
          }
        };
    press.start("127.0.0.1", 0);
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        scenarios.resolve("hello.yaml"),
        """
        name: hello
        description: "Says <hello> & waves"
        priority: 7
        cooldown: 30
        trigger: {type: manual}
        actions:
          - {type: log_event, message: "hello from the console"}
        """);
    Files.writeString(
        scenarios.resolve("once.yaml"),
        """
        name: once
        max_executions: 1
        trigger: {type: manual}
        actions:
          - {type: log_event, message: "only once"}
        """);
    Path avena = dir.resolve("orchestrator_config.json");
    Files.writeString(
        avena,
        """
        {"clients": {"press": {"address": "127.0.0.1", "port": %d, "group": "line_1"}},
         "scenarios_directory": "%s"}
        """
            .formatted(press.port(), scenarios.toString().replace("\\", "\\\\")));
    Map<String, String> env = new HashMap<>(more);
    env.put("BATON_COMPONENTS_CONFIG", avena.toString());
    app = TestApp.start(dir.resolve("data"), Files.createDirectories(dir.resolve("bp")), env);
  }

  @Test
  void anOperatorSeesTheComponentCommandsItRunsAScenarioAndAcks() throws Exception {
    start(Map.of());
    await().until(() -> get("/console/scenarios").body().contains(">STOPPED</td>"));
    HttpResponse<String> list = get("/console/scenarios");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body())
        .contains(">Scenarios</a>")
        .contains("<td>press</td><td>line_1</td>")
        .contains("<option value=\"CMD_RUN\">CMD_RUN</option>")
        .contains("href=\"/console/scenarios/hello\"", "<td>manual</td><td>7</td><td>30 s</td>")
        .contains("hx-trigger=\"sse:components\"")
        .doesNotContain("style=");
    String csrf = csrf(list.body());

    HttpResponse<String> forged =
        post("/console/components/press/command", "_csrf=forged&command=CMD_INITIALIZED");
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> sent =
        post("/console/components/press/command", "_csrf=" + csrf + "&command=CMD_INITIALIZED");
    assertThat(sent.statusCode()).isEqualTo(303);
    assertThat(sent.headers().firstValue("Location"))
        .hasValue("/console/scenarios?done=sent&component=press&command=CMD_INITIALIZED");
    await().until(() -> press.state() == FsmState.INITIALIZED);
    await().until(() -> get("/console/scenarios").body().contains(">INITIALIZED</td>"));
    assertThat(get("/console/scenarios?done=sent&component=press&command=CMD_INITIALIZED").body())
        .contains("Sent CMD_INITIALIZED to press");
    assertThat(get("/console/scenarios?done=sent&component=press&command=%3Cb%3E").body())
        .doesNotContain("Sent ");
    assertThat(ledger("admin.component_command")).contains("CMD_INITIALIZED").contains("press");
    // With data: the component gets it with the command, and the ledger records it.
    HttpResponse<String> badData =
        post(
            "/console/components/press/command",
            "_csrf=" + csrf + "&command=CMD_RUN&data=" + ConsoleForms.enc("{\"shift\":"));
    assertThat(badData.statusCode()).isEqualTo(400);
    assertThat(badData.body()).contains("Not sent: The data object is not valid JSON");
    assertThat(
            post(
                    "/console/components/press/command",
                    "_csrf=" + csrf + "&command=CMD_RUN&data=" + ConsoleForms.enc("[1]"))
                .body())
        .contains("must be a JSON object");
    HttpResponse<String> withData =
        post(
            "/console/components/press/command",
            "_csrf="
                + csrf
                + "&command=CMD_HEALTH_CHECK&data="
                + ConsoleForms.enc("{\"shift\": \"night\"}"));
    assertThat(withData.statusCode()).as(withData.body()).isEqualTo(303);
    await()
        .until(() ->
            commands.stream()
                .anyMatch(e ->
                    e.eventType().equals("CMD_HEALTH_CHECK")
                        && "night".equals(e.data().get("shift"))));
    assertThat(commands.stream().filter(e -> e.eventType().equals("CMD_RUN"))).isEmpty();
    assertThat(ledger("admin.component_command")).contains("\"shift\":\"night\"");

    HttpResponse<String> bogus =
        post("/console/components/press/command", "_csrf=" + csrf + "&command=%3Cb%3Ebogus");
    assertThat(bogus.statusCode()).isEqualTo(400);
    assertThat(bogus.body())
        .contains("Unknown command '&lt;b&gt;bogus'")
        .doesNotContain("<b>bogus");
    assertThat(post("/console/components/press/command", "_csrf=" + csrf).body())
        .contains("Choose the command to send.");
    assertThat(
            post("/console/components/nobody/command", "_csrf=" + csrf + "&command=CMD_RUN")
                .statusCode())
        .isEqualTo(404);

    HttpResponse<String> page = get("/console/scenarios/hello");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Says &lt;hello&gt; &amp; waves")
        .doesNotContain("<hello>")
        .contains("It has not run yet.")
        .contains("\"type\" : \"log_event\"");
    HttpResponse<String> ran = post("/console/scenarios/hello/run", "_csrf=" + csrf);
    assertThat(ran.statusCode()).isEqualTo(303);
    String location = ran.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/console/scenario-runs/").endsWith("?done=started");
    String job = location.substring("/console/scenario-runs/".length(), location.indexOf('?'));
    await().until(() -> get("/console/scenario-runs/" + job).body().contains(">finished</dd>"));
    assertThat(get(location).body())
        .contains("Run started now")
        .contains("<td>0</td><td>log_event</td>\n      <td>success</td>")
        .contains("hello from the console")
        .contains("\"source\":\"console\"");
    assertThat(get("/console/scenarios/hello").body())
        .contains("<a href=\"/console/scenario-runs/" + job + "\">");
    assertThat(ledger("admin.scenario_run")).contains(job).contains("hello");

    String once = runOnce(csrf);
    await().until(() -> get("/console/scenario-runs/" + once).body().contains(">finished</dd>"));
    HttpResponse<String> blocked = post("/console/scenarios/once/run", "_csrf=" + csrf);
    assertThat(blocked.statusCode()).isEqualTo(409);
    assertThat(blocked.body()).contains("Not run:").contains("max_executions");
    assertThat(get("/console/scenarios").body()).contains("blocked: ACK");
    HttpResponse<String> acked = post("/console/scenarios/ack", "_csrf=" + csrf);
    assertThat(acked.statusCode()).isEqualTo(303);
    assertThat(get("/console/scenarios?done=acked").body()).contains("ACK sent");
    assertThat(ledger("admin.scenario_ack")).contains("admin.scenario_ack");
    runOnce(csrf);

    assertThat(get("/console/scenarios/no-such").statusCode()).isEqualTo(404);
    assertThat(post("/console/scenarios/no-such/run", "_csrf=" + csrf).statusCode()).isEqualTo(404);
    assertThat(get("/console/scenario-runs/no-such-run").statusCode()).isEqualTo(404);
  }

  @Test
  void anOperatorAcksOneScenarioFromItsRow() throws Exception {
    start(Map.of());
    HttpResponse<String> list = get("/console/scenarios");
    assertThat(list.body())
        .contains("action=\"/console/scenarios/once/ack\"")
        .doesNotContain("action=\"/console/scenarios/hello/ack\"");
    String csrf = csrf(list.body());
    String once = runOnce(csrf);
    await().until(() -> get("/console/scenario-runs/" + once).body().contains(">finished</dd>"));
    assertThat(post("/console/scenarios/once/run", "_csrf=" + csrf).statusCode()).isEqualTo(409);

    assertThat(post("/console/scenarios/once/ack", "_csrf=forged").statusCode()).isEqualTo(403);
    HttpResponse<String> acked = post("/console/scenarios/once/ack", "_csrf=" + csrf);
    assertThat(acked.statusCode()).isEqualTo(303);
    assertThat(acked.headers().firstValue("Location"))
        .hasValue("/console/scenarios?done=acked&scenario=once");
    assertThat(get("/console/scenarios?done=acked&scenario=once").body())
        .contains("ACK sent: the execution counter of once is reset.");
    assertThat(ledger("admin.scenario_ack")).contains("once");
    runOnce(csrf);
    assertThat(post("/console/scenarios/no-such/ack", "_csrf=" + csrf).statusCode()).isEqualTo(404);
  }

  @Test
  void aClientMayNotSeeOrDriveComponents() throws Exception {
    Path clients = ConsoleForms.onlyAlice(dir);
    start(Map.of("CLIENTS_CONFIG_PATH", clients.toString()));
    assertThat(post("/console/login", "token=alice-token").statusCode()).isEqualTo(303);
    HttpResponse<String> list = get("/console/scenarios");
    assertThat(list.statusCode()).isEqualTo(403);
    assertThat(list.body()).contains("has the role client; this page needs operator");
    String csrf = csrf(get("/console/jobs").body());
    assertThat(
            post("/console/components/press/command", "_csrf=" + csrf + "&command=CMD_INITIALIZED")
                .statusCode())
        .isEqualTo(403);
    assertThat(post("/console/scenarios/hello/run", "_csrf=" + csrf).statusCode()).isEqualTo(403);
    assertThat(press.state()).isEqualTo(FsmState.STOPPED);
  }

  private String runOnce(String csrf) throws Exception {
    HttpResponse<String> ran = post("/console/scenarios/once/run", "_csrf=" + csrf);
    assertThat(ran.statusCode()).as(ran.body()).isEqualTo(303);
    String location = ran.headers().firstValue("Location").orElseThrow();
    return location.substring("/console/scenario-runs/".length(), location.indexOf('?'));
  }

  private String ledger(String type) throws Exception {
    return app.send("GET", "/api/v1/ledger?type=" + type, null).body();
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
