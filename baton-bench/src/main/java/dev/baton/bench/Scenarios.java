package dev.baton.bench;

import dev.baton.component.FsmState;
import dev.baton.component.SimulatedComponent;
import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.scenarios.ComponentConfig;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.OrchestratorConfig;
import dev.baton.scenarios.ScenarioRoutes;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario runs, one after another, from {@code Scenarios.run} to the job's end. Each action is a
 * task claimed by the in-process worker, so this measures what a run costs on the store: {@code
 * steps} is a scenario of 5 no-op actions ({@code evaluate_condition} with an empty condition);
 * {@code commands} sends {@code CMD_GET_STATE} to every simulated component over HTTP and then
 * waits for {@code RUN} (already true), the shape of seed 001's @all scenarios.
 */
final class Scenarios {
  private Scenarios() {}

  static void run(Store store, int runs, int componentCount) throws Exception {
    Path dir = Files.createTempDirectory("baton-bench-scenarios");
    Files.writeString(
        dir.resolve("steps.json"),
        """
        {"name": "steps", "cooldown": 0, "trigger": {"type": "manual"}, "actions": [
          {"type": "evaluate_condition", "condition": {}}, {"type": "evaluate_condition", "condition": {}},
          {"type": "evaluate_condition", "condition": {}}, {"type": "evaluate_condition", "condition": {}},
          {"type": "evaluate_condition", "condition": {}}]}
        """);
    Files.writeString(
        dir.resolve("commands.json"),
        """
        {"name": "commands", "cooldown": 0, "trigger": {"type": "manual"}, "actions": [
          {"type": "send_command", "target": "@all", "command": "CMD_GET_STATE"},
          {"type": "wait_for_state", "target": "@all", "target_state": "RUN", "timeout": "10s"}]}
        """);
    List<SimulatedComponent> sims = new ArrayList<>();
    List<ComponentConfig> clients = new ArrayList<>();
    for (int i = 0; i < componentCount; i++) {
      SimulatedComponent c = new SimulatedComponent("sim" + i, Duration.ZERO);
      c.start("127.0.0.1", 0);
      c.jump(FsmState.RUN);
      sims.add(c);
      clients.add(new ComponentConfig("sim" + i, "127.0.0.1", c.port(), "bench"));
    }
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("wait_poll_interval_ms", 10);
    OrchestratorConfig config =
        OrchestratorConfig.of(raw, null).withClients(clients).withScenariosDirectory(dir);
    try (Engine engine = Engine.builder(store).build().start();
        Components components = new Components("bench", clients, engine.clock());
        dev.baton.scenarios.Scenarios scenarios =
            dev.baton.scenarios.Scenarios.start(engine, components, config, false, null);
        BatonServer server =
            BatonServer.start(
                engine,
                new WebSocketChannel(),
                ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0),
                List.of(new ScenarioRoutes(scenarios, 1 << 20)))) {
      components.replyTo("127.0.0.1", server.port());
      components.pollOnce();
      measure(engine, scenarios, "steps", runs, 5);
      measure(engine, scenarios, "commands", runs, 2);
    } finally {
      sims.forEach(SimulatedComponent::close);
    }
  }

  private static void measure(
      Engine engine, dev.baton.scenarios.Scenarios scenarios, String name, int runs, int actions)
      throws InterruptedException {
    int warmup = Math.min(50, runs / 5);
    long[] micros = new long[runs];
    long start = 0;
    for (int i = -warmup; i < runs; i++) {
      if (i == 0) {
        start = System.nanoTime();
      }
      long t0 = System.nanoTime();
      Job job = scenarios.run(name, Map.of("source", "bench"));
      while (!engine.job(job.id()).orElseThrow().status().isTerminal()) {
        Thread.sleep(0, 200_000);
      }
      if (i >= 0) {
        micros[i] = (System.nanoTime() - t0) / 1000;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Bench.print(name, runs, "runs", seconds);
    Bench.print(name, (long) runs * actions, "actions", seconds);
    Arrays.sort(micros);
    System.out.printf(
        Locale.ROOT,
        "%-10s run latency p50 %.2f ms, p99 %.2f ms%n",
        name,
        micros[runs / 2] / 1000.0,
        micros[Math.min(runs - 1, runs * 99 / 100)] / 1000.0);
  }
}
