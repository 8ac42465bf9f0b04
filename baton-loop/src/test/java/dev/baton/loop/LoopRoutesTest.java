package dev.baton.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.Engine;
import dev.baton.server.BatonServer;
import dev.baton.server.Client;
import dev.baton.server.Role;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.access.TokenClients;
import dev.baton.store.InMemoryStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With client tokens, Stakazo's /orchestrator routes are guarded like /api. */
class LoopRoutesTest {
  final InMemoryStore store = new InMemoryStore();
  final Engine engine = Engine.builder(store).build();
  final HttpClient http = HttpClient.newHttpClient();
  BatonServer server;
  ControlLoop loop;

  @BeforeEach
  void start() {
    TokenClients clients =
        new TokenClients(
            List.of(
                new TokenClients.Entry(
                    "t0ken", new Client("ops", "admin", Map.of(), 1000L, Role.ADMIN))),
            store,
            engine.clock(),
            ZoneOffset.UTC);
    ServerOptions options =
        ServerOptions.DEFAULTS
            .withHost("127.0.0.1")
            .withPort(0)
            .withRateLimiting(false)
            .withClientAccess(clients);
    loop = ControlLoop.builder(engine, store.ledger()).build();
    server =
        BatonServer.start(
            engine, new WebSocketChannel(), options, List.of(new LoopRoutes(loop, options)));
  }

  @AfterEach
  void stop() {
    loop.close();
    server.close();
  }

  HttpResponse<String> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutATokenBothMountsAreRefused() throws Exception {
    for (String base : List.of("/orchestrator", "/api/v1/orchestrator")) {
      HttpResponse<String> r = send("POST", base + "/run-once");
      assertThat(r.statusCode()).as(base).isEqualTo(401);
      assertThat(r.body()).contains("\"error\"");
    }
    assertThat(loop.running()).isFalse();
  }

  @Test
  void withTheTokenTheRoutesAnswerInStakazosShapes() throws Exception {
    HttpResponse<String> status =
        send("GET", "/orchestrator/status", "X-Avtomatika-Token", "t0ken");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).isEqualTo("{\"status\":\"ok\",\"running\":false}");
    HttpResponse<String> once =
        send("POST", "/orchestrator/run-once", "Authorization", "Bearer t0ken");
    assertThat(once.statusCode()).isEqualTo(200);
    assertThat(once.body())
        .contains("\"decision\":{\"total_actions\":0,\"decision\":\"no_action_needed\"")
        .contains("\"execution\":{\"total_actions\":0,\"success_count\":0,\"error_count\":0");
    assertThat(send("GET", "/orchestrator/nope", "X-Avtomatika-Token", "t0ken").statusCode())
        .isEqualTo(404);
  }
}
