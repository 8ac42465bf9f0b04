package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.component.FsmState;
import dev.baton.component.SimulatedComponent;
import dev.baton.job.JobStatus;
import dev.baton.store.InMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The avena_commons sample scenarios, unchanged, against the seed's components (io, supervisor_1,
 * supervisor_2, munchies_algo) plus a sensor, simulated over real HTTP.
 */
class SamplesTest {
  static final List<String> SEED_COMPONENTS =
      List.of(
          "io:base_io",
          "supervisor_1:supervisors",
          "supervisor_2:supervisors",
          "munchies_algo:main_logic",
          "temp_sensor:sensors");

  @TempDir Path dir;
  Rig rig;
  TestSmtp smtp;
  TestGateway sms;

  @AfterEach
  void close() throws Exception {
    if (rig != null) {
      rig.close();
    }
    if (smtp != null) {
      smtp.close();
    }
    if (sms != null) {
      sms.close();
    }
  }

  static Path sample(String name) throws Exception {
    return Path.of(SamplesTest.class.getResource("/samples/" + name).toURI());
  }

  /** Copies samples into the user folder, ".json.example" renamed to ".json". */
  void use(String... names) throws Exception {
    for (String n : names) {
      Files.copy(sample(n), dir.resolve(n.replace(".json.example", ".json")));
    }
  }

  void start(Map<String, Object> extra, boolean ticking) throws Exception {
    smtp = new TestSmtp(false);
    sms = new TestGateway();
    Map<String, Object> components = new java.util.LinkedHashMap<>();
    components.put(
        "mail",
        Map.of(
            "type",
            "email",
            "host",
            "127.0.0.1",
            "port",
            smtp.port(),
            "from",
            "baton@example.com"));
    components.put("sms", Map.of("type", "sms", "url", sms.url()));
    components.putAll(extra);
    rig =
        new Rig(
            new InMemoryStore(),
            Clock.systemUTC(),
            SEED_COMPONENTS,
            Map.of("components", components),
            dir,
            true,
            ticking);
  }

  void allIn(FsmState s) {
    rig.sims.forEach(c -> c.jump(s));
    await()
        .until(
            () -> rig.components.statuses().stream().allMatch(c -> s.name().equals(c.fsmState())));
  }

  String onlyRun(String scenario) {
    await().atMost(Duration.ofSeconds(20)).until(() -> !rig.scenarios.runs(scenario, 1).isEmpty());
    String id = rig.scenarios.runs(scenario, 1).get(0).get("job_id").toString();
    await().atMost(Duration.ofSeconds(20)).until(() -> rig.job(id).status().isTerminal());
    return id;
  }

  @Test
  void everySampleLoads() throws Exception {
    for (var f :
        List.of(
            "pause_on_fault_services.json",
            "resume_all_services_manual.json",
            "disable_faulty_feeder.json.example",
            "send_custom_command_example.json.example",
            "startup_all_services.json.example",
            "test_execution_counter.json.example")) {
      use(f);
    }
    start(Map.of(), false);
    assertThat(rig.scenarios.problems()).isEmpty();
    assertThat(rig.scenarios.scenarios()).hasSize(9);
    // The user's startup file replaces the built-in scenario of the same name.
    Scenario startup =
        rig.scenarios.scenario("Uruchomienie wszystkich usług systemu (@all)").orElseThrow();
    assertThat(startup.source()).isEqualTo("user");
    assertThat(startup.triggerType()).isEqualTo("automatic");
    // Ascending priority: 5 (feeder) ... 103 (restart).
    assertThat(rig.scenarios.scenarios()).extracting(Scenario::priority).isSorted();
    assertThat(rig.scenarios.scenarios().get(0).name()).isEqualTo("Wyłączenie wadliwej wydawki");
  }

  @Test
  void pauseOnFaultRunsByItselfAndResumeBringsEveryoneBack() throws Exception {
    use("pause_on_fault_services.json", "resume_all_services_manual.json");
    start(Map.of(), true);
    allIn(FsmState.RUN);
    rig.sim("supervisor_1").fault("feeder1 jammed");

    String pause = onlyRun("Wstrzymanie systemu przy błędach (@all)");
    assertThat(rig.job(pause).status()).isEqualTo(JobStatus.FINISHED);
    assertThat(rig.sims)
        .filteredOn(c -> !c.name().equals("supervisor_1"))
        .allMatch(c -> c.state() == FsmState.PAUSE);
    assertThat(smtp.messages).hasSize(2);
    assertThat(TestSmtp.subject(smtp.messages.get(0)))
        .isEqualTo("[ALERT] Wykryto FAULT w supervisor_1");
    assertThat(sms.bodies).hasSize(5);
    assertThat(sms.bodies.get(0)).contains("[ALERT] Wykryto stan FAULT w supervisor_1");

    rig.components.send("supervisor_1", "CMD_ACK", Map.of(), 20);
    await().until(() -> rig.sim("supervisor_1").state() == FsmState.STOPPED);
    assertThat(
            rig.post(
                    "/api/v1/scenarios/"
                        + Rig.encode("Wznowienie wszystkich serwisów - tryb manualny")
                        + "/request",
                    "")
                .statusCode())
        .isEqualTo(202);
    String resume = onlyRun("Wznowienie wszystkich serwisów - tryb manualny");
    assertThat(rig.job(resume).status()).isEqualTo(JobStatus.FINISHED);
    assertThat(rig.sims).allMatch(c -> c.state() == FsmState.RUN);
  }

  @Test
  void startupSampleRunsFromTheDatabaseConditionAndFailsAtTheUnknownAction() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("aps.db");
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE aps_description (current_state TEXT, goal_state TEXT)");
      s.execute("INSERT INTO aps_description VALUES ('inactive', 'active')");
    }
    use("startup_all_services.json.example");
    // Components start STOPPED; the scenario starts by itself on the first tick.
    start(Map.of("main_database", Map.of("type", "database", "url", url)), true);

    String run = onlyRun("Uruchomienie wszystkich usług systemu (@all)");
    assertThat(rig.sims).allMatch(c -> c.state() == FsmState.RUN);
    Map<String, Object> view = rig.scenarios.run(run).orElseThrow();
    assertThat(view.get("status")).isEqualTo("failed");
    assertThat(view.get("error").toString())
        .startsWith("unknown action type 'aps_database_update'");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> actions = (List<Map<String, Object>>) view.get("actions");
    assertThat(actions).hasSize(11);
    assertThat(actions.subList(0, 10)).allMatch(a -> a.get("status").equals("success"));
    assertThat(actions.get(10))
        .containsEntry("status", "failure")
        .containsEntry("type", "aps_database_update");
  }

  @Test
  void disableFaultyFeederAcksTheIoComponent() throws Exception {
    use("disable_faulty_feeder.json.example");
    start(Map.of(), true);
    allIn(FsmState.RUN);
    rig.sim("io").fault("Feeder1 timeout on slot 4");

    String run = onlyRun("Wyłączenie wadliwej wydawki");
    assertThat(rig.job(run).status()).isEqualTo(JobStatus.FINISHED);
    assertThat(rig.sim("io").state()).isEqualTo(FsmState.STOPPED);
    assertThat(rig.scenarios.run(run).orElseThrow().get("actions").toString())
        .contains("Wyłączam wydawkę feeder1 z powodu błędu: Feeder1 timeout on slot 4");
    assertThat(smtp.messages).hasSize(2);
    assertThat(sms.bodies).hasSize(2);
  }

  @Test
  void sendCustomCommandReachesEverySelector() throws Exception {
    use("send_custom_command_example.json.example");
    start(Map.of(), false);
    allIn(FsmState.RUN);
    String id =
        rig.scenarios
            .run(
                "send_custom_command_example", Map.of("source", "operator", "admin_email", "a@b.c"))
            .id();
    await().atMost(Duration.ofSeconds(10)).until(() -> rig.job(id).status().isTerminal());
    assertThat(rig.job(id).status()).isEqualTo(JobStatus.FINISHED);
    String actions = rig.scenarios.run(id).orElseThrow().get("actions").toString();
    assertThat(actions)
        .contains(
            "sent_to=[supervisor_1]",
            "sent_to=[temp_sensor]",
            "trigger_source=operator",
            "admin_email=a@b.c");
    for (SimulatedComponent c : rig.sims) {
      assertThat(c.state()).isEqualTo(FsmState.RUN);
    }
  }
}
