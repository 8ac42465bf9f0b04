package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.component.FsmState;
import dev.baton.component.SimulatedComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real app with components from an avena config file and from baton.toml, simulated components
 * over HTTP, and seed 001's EXECUTE_SCENARIO.
 */
class ScenariosAppTest {
  @TempDir Path dir;
  final List<SimulatedComponent> sims = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  BatonApp app;

  @AfterEach
  void close() {
    if (app != null) {
      app.close();
    }
    sims.forEach(SimulatedComponent::close);
  }

  SimulatedComponent sim(String name) {
    SimulatedComponent c = new SimulatedComponent(name, Duration.ofMillis(10));
    c.start("127.0.0.1", 0);
    sims.add(c);
    return c;
  }

  Settings settings(Path toml, Map<String, String> env) {
    return Settings.resolve(
        Map.of(
            Setting.API_PORT,
            "0",
            Setting.API_HOST,
            "127.0.0.1",
            Setting.DATA_DIR,
            dir.resolve("data").toString(),
            Setting.BLUEPRINTS_DIR,
            dir.resolve("blueprints").toString()),
        env,
        toml);
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void componentsFromBothFilesAndExecuteScenarioOverHttp() throws Exception {
    SimulatedComponent io = sim("io");
    SimulatedComponent sup = sim("supervisor_1");
    SimulatedComponent algo = sim("munchies_algo");
    Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        dir.resolve("scenarios/hello.yaml"),
        """
        name: hello
        trigger: {type: manual}
        actions:
          - {type: log_event, message: "hello {{ trigger.data.who }}"}
        """);
    Files.writeString(dir.resolve("scenarios/bad.json"), "{\"name\": \"no actions\"}");
    Path avena = dir.resolve("orchestrator_config.json");
    Files.writeString(
        avena,
        """
        {"clients": {
           "io": {"address": "127.0.0.1", "port": %d, "group": "base_io"},
           "supervisor_1": {"address": "127.0.0.1", "port": %d, "group": "supervisors"}},
         "components": {"mail": {"type": "email", "enabled": false}},
         "scenarios_directory": "scenarios",
         "max_concurrent_scenarios": 2}
        """
            .formatted(io.port(), sup.port()));
    Path toml = dir.resolve("baton.toml");
    Files.writeString(
        toml,
        """
        rate_limiting_enabled = false

        [clients.munchies_algo]
        address = "127.0.0.1"
        port = %d
        group = "main_logic"
        """
            .formatted(algo.port()));
    app = BatonApp.start(settings(toml, Map.of("BATON_COMPONENTS_CONFIG", avena.toString())));

    await()
        .until(() -> app.componentStates().stream().allMatch(c -> "STOPPED".equals(c.fsmState())));
    assertThat(app.componentStates())
        .extracting(c -> c.name() + "/" + c.group())
        .containsExactly("io/base_io", "supervisor_1/supervisors", "munchies_algo/main_logic");
    assertThat(send("GET", "/api/v1/components", null).body())
        .contains("\"fsm_state\":\"STOPPED\"");

    var scenarios = send("GET", "/api/v1/scenarios", null).body();
    assertThat(scenarios)
        .contains("\"name\":\"hello\"", "\"source\":\"user\"", "bad.json: 'actions' is required");

    var accepted =
        send(
            "POST",
            "/event",
            "{\"source\": \"admin\", \"destination\": \"orchestrator\", \"event_type\": \"EXECUTE_SCENARIO\","
                + " \"data\": {\"scenario_name\": \"Uruchomienie wszystkich usług systemu (@all)\"}}");
    assertThat(accepted.body()).isEqualTo("{\"status\":\"ok\"}");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> sims.stream().allMatch(c -> c.state() == FsmState.RUN));

    var run = send("POST", "/api/v1/scenarios/hello/run", "{\"data\": {\"who\": \"world\"}}");
    assertThat(run.statusCode()).isEqualTo(201);
    String id = TestApp.JSON.readTree(run.body()).get("job_id").asString();
    await()
        .until(() ->
            send("GET", "/api/v1/scenario-runs/" + id, null)
                .body()
                .contains("\"status\":\"finished\""));
    assertThat(send("GET", "/api/v1/scenario-runs/" + id, null).body()).contains("hello world");
    // Runs are ordinary jobs of the scenario blueprint.
    assertThat(send("GET", "/api/v1/jobs?blueprint=scenario", null).body()).contains(id);
    assertThat(app.scenarios().scenario("hello")).isPresent();
  }

  @Test
  void aScheduleRunsAScenarioWithItsInputAsTheTriggerData() throws Exception {
    Files.createDirectories(dir.resolve("scenarios"));
    Files.writeString(
        dir.resolve("scenarios/hello.yaml"),
        """
        name: hello
        trigger: {type: manual}
        actions:
          - {type: log_event, message: "hello {{ trigger.data.who }}"}
        """);
    app =
        BatonApp.start(
            settings(
                null,
                Map.of(
                    "BATON_SCENARIOS_DIRECTORY",
                    dir.resolve("scenarios").toString(),
                    "RATE_LIMITING_ENABLED",
                    "false")));
    var created =
        send(
            "POST",
            "/api/v1/schedules",
            "{\"name\": \"greet\", \"scenario\": \"hello\", \"input_data\": {\"who\": \"schedule\"},"
                + " \"interval_seconds\": 3600}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    // An interval fires at its anchor, the moment it was created.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> send("GET", "/api/v1/schedules/greet/runs", null).body().contains("job_id\":\""));
    String job =
        TestApp.JSON
            .readTree(send("GET", "/api/v1/schedules/greet/runs", null).body())
            .get(0)
            .get("job_id")
            .asString();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() ->
            send("GET", "/api/v1/scenario-runs/" + job, null)
                .body()
                .contains("\"status\":\"finished\""));
    assertThat(send("GET", "/api/v1/scenario-runs/" + job, null).body()).contains("hello schedule");
  }

  @Test
  void aBrokenComponentsConfigStopsTheStartNamingTheFile() throws Exception {
    Path avena = dir.resolve("orchestrator_config.json");
    Files.writeString(avena, "{\"clients\": {\"io\": {\"address\": \"127.0.0.1\"}}}");
    assertThatThrownBy(() ->
            BatonApp.start(settings(null, Map.of("BATON_COMPONENTS_CONFIG", avena.toString()))))
        .isInstanceOf(Settings.ConfigException.class)
        .hasMessageContaining("clients.io.port is required");
  }
}
