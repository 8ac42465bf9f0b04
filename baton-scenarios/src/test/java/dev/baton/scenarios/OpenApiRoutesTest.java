package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.InMemoryStore;
import java.io.InputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Every route the scenarios add is in openapi.yaml (marked x-route-set: scenarios), and back. */
class OpenApiRoutesTest {
  @Test
  void scenarioRoutesAndTheirDocumentationMatch() throws Exception {
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
        } else if (op.path("x-route-set").asString().equals("scenarios")) {
          ours.add(route);
        }
      }
    }
    try (Rig rig =
        new Rig(new InMemoryStore(), Clock.systemUTC(), 0, Map.of(), null, true, false)) {
      Set<String> served = new TreeSet<>();
      rig.server
          .routes()
          .forEach(r -> served.add(r.toString().replace('<', '{').replace('>', '}')));
      served.removeAll(builtIn);
      assertThat(served)
          .isEqualTo(ours)
          .contains("POST /event", "POST /api/v1/scenarios/{name}/run");
    }
  }
}
