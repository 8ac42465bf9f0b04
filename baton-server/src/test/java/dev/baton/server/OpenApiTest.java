package dev.baton.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.server.BatonServer.Route;
import dev.baton.server.TestServer.Res;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The hand-written OpenAPI document matches the routes the server really serves. */
class OpenApiTest {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /**
   * Routes of features that live in other modules (the control loop): their part of the document is
   * checked against the whole application in baton-app's ApiDocumentTest.
   */
  private static final List<String> OTHER_MODULES =
      List.of(" /orchestrator/", " /api/v1/orchestrator/");

  private final TestServer t =
      new TestServer(
          TestServer.OPTIONS,
          store -> List.of(new LedgerRoutes(store.ledger(), Clock.systemUTC())));

  @AfterEach
  void close() {
    t.close();
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
    Res r = t.get("/api/openapi.yaml");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.raw().headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/yaml"));
    JsonNode spec = YAMLMapper.builder().build().readTree(r.body());
    assertThat(spec.path("openapi").asString()).startsWith("3.1");

    Set<String> documented = new TreeSet<>();
    for (String path : spec.path("paths").propertyNames()) {
      for (String key : spec.path("paths").path(path).propertyNames()) {
        // Operations of a feature's RouteSet (x-route-set) are checked by that feature's tests.
        if (METHODS.contains(key)
            && spec.path("paths").path(path).path(key).path("x-route-set").isMissingNode()) {
          documented.add(key.toUpperCase(Locale.ROOT) + " " + path);
        }
      }
    }
    Set<String> served = new TreeSet<>();
    for (Route route : t.server.routes()) {
      // A parameter that takes slashes (Javalin's <name>) is an ordinary one in OpenAPI.
      served.add(route.toString().replace('<', '{').replace('>', '}'));
    }

    assertThat(served)
        .contains("GET /_worker/ws/{id}", "POST /api/v1/jobs", "POST /api/{endpoint}");
    assertThat(served).contains("GET /api/v1/ledger");
    documented.removeIf(route -> OTHER_MODULES.stream().anyMatch(route::contains));
    assertThat(documented).isEqualTo(served);
  }

  @Test
  void everyReferenceInTheDocumentResolves() {
    JsonNode spec = YAMLMapper.builder().build().readTree(t.get("/api/openapi.yaml").body());
    checkRefs(spec, spec);
  }

  private static void checkRefs(JsonNode root, JsonNode node) {
    if (node.isObject()) {
      JsonNode ref = node.get("$ref");
      if (ref != null) {
        String pointer = ref.asString();
        assertThat(pointer).startsWith("#/");
        assertThat(root.at(pointer.substring(1)).isMissingNode()).as(pointer).isFalse();
      }
      for (String name : node.propertyNames()) {
        checkRefs(root, node.get(name));
      }
    } else if (node.isArray()) {
      node.forEach(child -> checkRefs(root, child));
    }
  }

  @Test
  void theDocsPageLoadsSwaggerUiFromItsWebjar() {
    Res page = t.get("/api/docs");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("/api/openapi.yaml").contains("swagger-ui-bundle.js");

    for (String asset : new String[] {"swagger-ui-bundle.js", "swagger-ui.css"}) {
      Res r = t.get("/webjars/swagger-ui/5.34.1/" + asset);
      assertThat(r.status()).as(asset).isEqualTo(200);
      assertThat(page.body()).contains("/webjars/swagger-ui/5.34.1/" + asset);
    }
  }
}
