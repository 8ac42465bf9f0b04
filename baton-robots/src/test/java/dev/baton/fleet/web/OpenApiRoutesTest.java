package dev.baton.fleet.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.Engine;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.FleetOptions;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.store.InMemoryStore;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Every route the fleet adds is in openapi.yaml (marked x-route-set: robots), and back. */
class OpenApiRoutesTest {
  @Test
  void robotRoutesAndTheirDocumentationMatch() throws Exception {
    JsonNode spec;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/openapi.yaml")) {
      spec = YAMLMapper.builder().build().readTree(in);
    }
    Set<String> builtIn = new TreeSet<>();
    Set<String> ours = new TreeSet<>();
    for (String path : spec.path("paths").propertyNames()) {
      for (String method : spec.path("paths").path(path).propertyNames()) {
        JsonNode op = spec.path("paths").path(path).path(method);
        if (!op.isObject() || !op.has("responses")) {
          continue;
        }
        String route = method.toUpperCase(Locale.ROOT) + " " + path;
        if (op.path("x-route-set").isMissingNode()) {
          builtIn.add(route);
        } else if (op.path("x-route-set").asString().equals("robots")) {
          ours.add(route);
        }
      }
    }
    InMemoryStore store = new InMemoryStore();
    WebSocketChannel channel = new WebSocketChannel();
    // Not attached: the routes are only listed, never called.
    Fleet fleet = new Fleet(store, Clock.systemUTC(), FleetOptions.DEFAULTS);
    try (Engine engine = Engine.builder(store).workerChannel(channel).build();
        BatonServer server =
            BatonServer.start(
                engine,
                channel,
                ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0),
                List.of(new RobotRoutes(fleet, engine, 1 << 20)))) {
      Set<String> served = new TreeSet<>();
      server.routes().forEach(r -> served.add(r.toString().replace('<', '{').replace('>', '}')));
      served.removeAll(builtIn);
      assertThat(served)
          .isEqualTo(ours)
          .contains("GET " + RobotRoutes.SOCKET, "POST /api/v1/robot-jobs");
    }
  }
}
