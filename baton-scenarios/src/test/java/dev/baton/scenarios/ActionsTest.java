package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.baton.blueprint.Blueprint;
import dev.baton.job.JobStatus;
import dev.baton.store.InMemoryStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baton's own actions (start_job, http_request, execute_scenario, evaluate_condition) and
 * systemctl.
 */
class ActionsTest {
  @TempDir Path dir;
  Rig rig;
  HttpServer peer;
  final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void peer() throws Exception {
    peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    peer.createContext(
        "/orders",
        ex -> {
          try (ex) {
            received.add(
                ex.getRequestMethod()
                    + " "
                    + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"order\": {\"id\": 42}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ex.getRequestURI().getQuery() == null ? 200 : 503, body.length);
            ex.getResponseBody().write(body);
          }
        });
    peer.start();
  }

  @AfterEach
  void close() {
    if (rig != null) {
      rig.close();
    }
    peer.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + peer.getAddress().getPort() + "/orders";
  }

  Map<String, Object> run(String scenario) {
    String id = rig.scenarios.run(scenario, Map.of("source", "test")).id();
    await().atMost(Duration.ofSeconds(15)).until(() -> rig.job(id).status().isTerminal());
    return rig.scenarios.run(id).orElseThrow();
  }

  @Test
  void batonsOwnActionsChainThroughTheContext() throws Exception {
    Files.writeString(
        dir.resolve("child.json"),
        """
        {"name": "child", "trigger": {"type": "manual"}, "actions": [{"type": "log_event", "message": "child ran"}]}
        """);
    Files.writeString(
        dir.resolve("all.json"),
        """
        {"name": "all", "trigger": {"type": "manual"}, "actions": [
          {"type": "http_request", "method": "POST", "url": "%s", "body": {"from": "{{ scenario_name }}"}, "result_key": "resp"},
          {"type": "start_job", "blueprint": "noop", "data": {"order": "{{ resp.body.order.id }}"}, "wait": true, "timeout": "10s"},
          {"type": "execute_scenario", "scenario": "child"},
          {"type": "evaluate_condition", "condition": {"client_state": {"client": "c1", "state": "STOPPED"}},
           "then": [{"type": "log_event", "message": "c1 is stopped, order {{ resp.body.order.id }}"}],
           "else": [{"type": "log_event", "message": "c1 runs"}]},
          {"type": "systemctl", "operation": "restart", "services": ["feeder", "mixer"]}]}
        """
            .formatted(url()));
    rig =
        new Rig(
            new InMemoryStore(),
            Clock.systemUTC(),
            1,
            Map.of("systemctl_command", "echo systemctl"),
            dir,
            false,
            false);
    rig.engine.register(Blueprint.builder("noop").start("a").goTo("a", "finished").build());
    await().until(() -> "STOPPED".equals(rig.components.status("c1").orElseThrow().fsmState()));

    Map<String, Object> view = run("all");

    assertThat(view.get("status")).as(view.toString()).isEqualTo("finished");
    assertThat(received).containsExactly("POST {\"from\":\"all\"}");
    String actions = view.get("actions").toString();
    assertThat(actions)
        .contains("status=finished", "scenario=child", "branch=then", "c1 is stopped, order 42")
        .contains("output=systemctl restart feeder", "output=systemctl restart mixer");
    assertThat(rig.scenarios.runs("child", 1).get(0).get("status")).isEqualTo("finished");
    // The typed single-variable template passed the number itself, not its text.
    var noop = rig.engine.jobs(new dev.baton.job.JobQuery(null, "noop", 10, 0)).items();
    assertThat(noop)
        .singleElement()
        .satisfies(j -> assertThat(j.initialData().get("order")).isEqualTo(42));
    assertThat(view.get("context").toString()).contains("resp=", "status=200");
  }

  @Test
  void failuresStopTheScenarioWithTheReason() throws Exception {
    Files.writeString(
        dir.resolve("bad.json"),
        """
        {"name": "bad http", "trigger": {"type": "manual"}, "actions": [
          {"type": "http_request", "url": "%s?fail=1"}, {"type": "log_event", "message": "not reached"}]}
        """
            .formatted(url()));
    Files.writeString(
        dir.resolve("job.json"),
        """
        {"name": "bad job", "trigger": {"type": "manual"}, "actions": [
          {"type": "start_job", "blueprint": "doomed", "wait": true}]}
        """);
    Files.writeString(
        dir.resolve("sys.json"),
        """
        {"name": "bad systemctl", "trigger": {"type": "manual"}, "actions": [
          {"type": "systemctl", "service": "feeder", "ignore_errors": true},
          {"type": "systemctl", "service": "feeder"}]}
        """);
    Files.writeString(
        dir.resolve("target.json"),
        """
        {"name": "no target", "trigger": {"type": "manual"}, "actions": [
          {"type": "send_command", "group": "nobody", "command": "CMD_RUN"}]}
        """);
    rig =
        new Rig(
            new InMemoryStore(),
            Clock.systemUTC(),
            1,
            Map.of("systemctl_command", "false"),
            dir,
            false,
            false);
    rig.engine.register(Blueprint.builder("doomed").start("a").goTo("a", "failed").build());

    assertThat(run("bad http").get("error").toString()).contains("answered 503");
    assertThat(run("bad job").get("error").toString()).contains("ended failed");
    Map<String, Object> sys = run("bad systemctl");
    assertThat(sys.get("status")).isEqualTo("failed");
    assertThat(sys.get("error").toString()).contains("false stop feeder exited 1");
    assertThat(run("no target").get("error").toString())
        .contains("Nie znaleziono komponentów docelowych");
    assertThat(rig.job(rig.scenarios.runs("bad http", 1).get(0).get("job_id").toString()).status())
        .isEqualTo(JobStatus.FAILED);
  }
}
