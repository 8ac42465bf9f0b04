package dev.baton.scenarios;

import dev.baton.component.SimulatedComponent;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineOptions;
import dev.baton.job.Job;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Baton with scenarios over real HTTP: an engine, the server with the scenario routes, and
 * simulated components on their own ports (c1 in group base_io, the others in supervisors).
 */
final class Rig implements AutoCloseable {
  final Store store;
  final Engine engine;
  final Components components;
  final Scenarios scenarios;
  final BatonServer server;
  final List<SimulatedComponent> sims = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  Rig(
      Store store,
      Clock clock,
      int componentCount,
      Map<String, Object> extraConfig,
      @Nullable Path userDir,
      boolean builtin,
      boolean ticking) {
    this(store, clock, numbered(componentCount), extraConfig, userDir, builtin, ticking);
  }

  static List<String> numbered(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add("c" + i + ":" + (i == 1 ? "base_io" : "supervisors"));
    }
    return out;
  }

  /** Components as "name:group". */
  Rig(
      Store store,
      Clock clock,
      List<String> componentSpecs,
      Map<String, Object> extraConfig,
      @Nullable Path userDir,
      boolean builtin,
      boolean ticking) {
    this.store = store;
    Map<String, Object> clients = new LinkedHashMap<>();
    for (String spec : componentSpecs) {
      String name = spec.split(":")[0];
      SimulatedComponent sim = new SimulatedComponent(name, Duration.ofMillis(20));
      sim.start("127.0.0.1", 0);
      sims.add(sim);
      clients.put(
          name, Map.of("address", "127.0.0.1", "port", sim.port(), "group", spec.split(":")[1]));
    }
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("clients", clients);
    raw.put("poll_interval_ms", 30);
    raw.put("wait_poll_interval_ms", 20);
    raw.put("max_concurrent_scenarios", 4);
    Map<String, Object> extra = new LinkedHashMap<>(extraConfig);
    // Further components (not simulated) join the simulated ones.
    if (extra.remove("clients") instanceof Map<?, ?> more) {
      more.forEach((k, v) -> clients.put(String.valueOf(k), v));
    }
    raw.putAll(extra);
    OrchestratorConfig config = OrchestratorConfig.of(raw, null).withScenariosDirectory(userDir);
    engine =
        Engine.builder(store)
            .clock(clock)
            .options(
                EngineOptions.DEFAULTS
                    .withWorkerTtl(Duration.ofSeconds(2))
                    .withSweepInterval(Duration.ofMillis(100)))
            .build()
            .start();
    components = new Components("baton", config.clients(), clock);
    scenarios =
        Scenarios.start(
            engine, components, config, builtin, ticking ? Duration.ofMillis(30) : null);
    server =
        BatonServer.start(
            engine,
            new WebSocketChannel(),
            ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0),
            List.of(new ScenarioRoutes(scenarios, 1 << 20)));
    components.replyTo("127.0.0.1", server.port());
    components.start(config.pollInterval());
  }

  SimulatedComponent sim(int i) {
    return sims.get(i - 1);
  }

  SimulatedComponent sim(String name) {
    return sims.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  Job job(String id) {
    return engine.job(id).orElseThrow();
  }

  HttpResponse<String> post(String path, String json, String... headers) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .headers(headers.length == 0 ? new String[] {"Accept", "*/*"} : headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String encode(String name) {
    try {
      // As a browser would: spaces and non-ASCII escaped, "(" ")" "@" left as they are.
      return new URI(null, null, "/" + name, null).toASCIIString().substring(1);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    scenarios.close();
    components.close();
    engine.close();
    sims.forEach(SimulatedComponent::close);
    store.close();
  }
}
