package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.component.FsmState;
import dev.baton.job.JobStatus;
import dev.baton.store.InMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 001's @all scenarios end to end: Baton and three simulated components over real HTTP. */
class AllServicesScenariosTest {
  static final String START = "Uruchomienie wszystkich usług systemu (@all)";
  static final String STOP = "Zatrzymanie wszystkich usług (@all)";
  static final String RESTART = "Restart wszystkich usług (@all)";
  static final String QUICK = "Szybkie uruchomienie usług (@all) - bez inicjalizacji";

  @TempDir Path dir;
  Rig rig;

  @AfterEach
  void close() {
    if (rig != null) {
      rig.close();
    }
  }

  private void awaitAll(FsmState state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> rig.sims.stream().allMatch(s -> s.state() == state));
  }

  private JobStatus awaitEnd(String jobId) {
    await().atMost(Duration.ofSeconds(20)).until(() -> rig.job(jobId).status().isTerminal());
    return rig.job(jobId).status();
  }

  @Test
  void executeScenarioEventStartsAllThenStopAndRestartThroughTheApi() throws Exception {
    rig = new Rig(new InMemoryStore(), Clock.systemUTC(), 3, Map.of(), null, true, true);
    await()
        .until(
            () -> rig.components.statuses().stream().allMatch(c -> "STOPPED".equals(c.fsmState())));

    // The seed's minimal body, as curl sends it: 200 {"status":"ok"}, the scenario runs.
    var answer =
        rig.post(
            "/event",
            """
            {"source": "admin", "destination": "orchestrator", "event_type": "EXECUTE_SCENARIO",
             "data": {"scenario_name": "%s"}}
            """
                .formatted(START));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("{\"status\":\"ok\"}");
    awaitAll(FsmState.RUN);
    String startRun = rig.scenarios.runs(START, 1).get(0).get("job_id").toString();
    assertThat(awaitEnd(startRun)).isEqualTo(JobStatus.FINISHED);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> actions =
        (List<Map<String, Object>>) rig.scenarios.run(startRun).orElseThrow().get("actions");
    assertThat(actions).hasSize(8).allMatch(a -> a.get("status").equals("success"));
    assertThat(actions.get(2).get("result").toString())
        .contains("CMD_INITIALIZE", "c1", "c2", "c3");

    var stop = rig.post("/api/v1/scenarios/" + Rig.encode(STOP) + "/run", "");
    assertThat(stop.statusCode()).as(stop.body()).isEqualTo(201);
    String stopRun = stop.body().replaceAll(".*\"job_id\":\"([^\"]+)\".*", "$1");
    assertThat(awaitEnd(stopRun)).isEqualTo(JobStatus.FINISHED);
    assertThat(rig.sims).allMatch(s -> s.state() == FsmState.STOPPED);

    // Restart goes STOPPED -> INITIALIZED -> RUN; start from RUN to see the stop too.
    String again = rig.scenarios.run(START, Map.of("source", "test")).id();
    assertThat(awaitEnd(again)).isEqualTo(JobStatus.FINISHED);
    String restart = rig.scenarios.run(RESTART, Map.of("source", "test")).id();
    assertThat(awaitEnd(restart)).isEqualTo(JobStatus.FINISHED);
    assertThat(rig.sims).allMatch(s -> s.state() == FsmState.RUN);
    assertThat(rig.get("/api/v1/scenario-runs/" + restart).body())
        .contains("\"status\":\"finished\"", "CMD_STOP", "CMD_INITIALIZE", "CMD_RUN");
  }

  @Test
  void aComponentThatNeverGetsThereFailsTheScenarioAndRunsOnFailure() throws Exception {
    Files.writeString(
        dir.resolve("start.json"),
        """
        {"name": "start with recovery", "trigger": {"type": "manual"}, "actions": [
          {"type": "send_command", "target": "@all", "command": "CMD_INITIALIZE"},
          {"type": "wait_for_state", "target": "@all", "target_state": "INITIALIZED", "timeout": "1s",
           "on_failure": [
             {"type": "log_event", "level": "error", "message": "not all initialized"},
             {"type": "send_command", "group": "supervisors", "command": "CMD_STOP"}]},
          {"type": "log_event", "message": "never reached"}]}
        """);
    rig = new Rig(new InMemoryStore(), Clock.systemUTC(), 3, Map.of(), dir, false, true);
    rig.sim(3).stuck(true);
    await().until(() -> rig.components.statuses().stream().allMatch(c -> c.fsmState() != null));

    String run = rig.scenarios.run("start with recovery", Map.of()).id();

    assertThat(awaitEnd(run)).isEqualTo(JobStatus.FAILED);
    Map<String, Object> view = rig.scenarios.run(run).orElseThrow();
    assertThat(view.get("error").toString())
        .contains("timed out", "c3=STOPPED", "on_failure ran 2 action(s)");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> actions = (List<Map<String, Object>>) view.get("actions");
    assertThat(actions).extracting(a -> a.get("status")).containsExactly("success", "failure");
    // on_failure sent CMD_STOP to the supervisors group: c2 went back to STOPPED.
    await().until(() -> rig.sim(2).state() == FsmState.STOPPED);
    assertThat(rig.sim(1).state()).isEqualTo(FsmState.INITIALIZED);
    assertThat(rig.sim(3).state()).isEqualTo(FsmState.STOPPED);
  }

  @Test
  void unreachableComponentShowsUnknownWithTheReason() throws Exception {
    rig = new Rig(new InMemoryStore(), Clock.systemUTC(), 2, Map.of(), null, true, false);
    await().until(() -> "STOPPED".equals(rig.components.status("c2").orElseThrow().fsmState()));
    rig.sim(2).close();

    await().until(() -> rig.components.status("c2").orElseThrow().fsmState() == null);
    ComponentStatus c2 = rig.components.status("c2").orElseThrow();
    assertThat(c2.shownState()).isEqualTo("UNKNOWN");
    assertThat(c2.reason()).contains("unreachable");
    assertThat(c2.lastSeen()).isNotNull();
    assertThat(rig.get("/api/v1/components/c2").body())
        .contains("\"fsm_state\":\"UNKNOWN\"", "unreachable");
    assertThat(rig.get("/api/v1/components/c1").body()).contains("\"fsm_state\":\"STOPPED\"");

    // A quick start now cannot deliver CMD_RUN to c2: the scenario fails at once, saying so.
    String run = rig.scenarios.run(QUICK, Map.of()).id();
    assertThat(awaitEnd(run)).isEqualTo(JobStatus.FAILED);
    assertThat(rig.scenarios.run(run).orElseThrow().get("error").toString())
        .contains("CMD_RUN could not be delivered", "c2");
  }
}
