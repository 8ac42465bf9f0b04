package dev.baton.fleet.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.Engine;
import dev.baton.engine.EngineObserver;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.FleetOptions;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.store.InMemoryStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A robot job submitted with W3C trace headers keeps them as its trace, like a native job. */
class RobotJobTracingTest {
  static final String CLIENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  final InMemoryStore store = new InMemoryStore();
  final WebSocketChannel channel = new WebSocketChannel();
  Engine engine;
  BatonServer server;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    engine = Engine.builder(store).workerChannel(channel).build();
    Fleet fleet = new Fleet(store, Clock.systemUTC(), FleetOptions.DEFAULTS).attach(engine);
    server =
        BatonServer.start(
            engine,
            channel,
            ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0),
            List.of(new RobotRoutes(fleet, engine, 1 << 20)));
  }

  @AfterEach
  void close() {
    server.close();
    engine.close();
    store.close();
  }

  HttpResponse<String> submit(String workflow, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/v1/robot-jobs"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"workflow_id\": \"" + workflow + "\"}"));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  String jobId(HttpResponse<String> r) {
    String location = r.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  @Test
  void theClientsTraceparentIsTheJobsTrace() throws Exception {
    HttpResponse<String> r =
        submit("wf-traced", Map.of("traceparent", CLIENT, "tracestate", "vendor=1"));

    assertThat(r.statusCode()).isEqualTo(201);
    var job = engine.job(jobId(r)).orElseThrow();
    assertThat(EngineObserver.traceparent(job)).isEqualTo(CLIENT);
    assertThat(job.attributes().tracingContext()).containsEntry("tracestate", "vendor=1");
  }

  @Test
  void withoutHeadersTheJobHasNoTrace() throws Exception {
    HttpResponse<String> r = submit("wf-plain", Map.of());

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(EngineObserver.traceparent(engine.job(jobId(r)).orElseThrow())).isNull();
  }
}
