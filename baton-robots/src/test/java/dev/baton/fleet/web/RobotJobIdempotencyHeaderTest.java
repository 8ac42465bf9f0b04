package dev.baton.fleet.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.engine.Engine;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.FleetOptions;
import dev.baton.job.JobQuery;
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

/** {@code Idempotency-Key}, which every create route takes, is the robot job's idempotency key. */
class RobotJobIdempotencyHeaderTest {
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
  void aRetryWithTheSameHeaderReturnsTheFirstJob() throws Exception {
    HttpResponse<String> first = submit("wf-a", Map.of("Idempotency-Key", "robot-1"));
    HttpResponse<String> again = submit("wf-a", Map.of("Idempotency-Key", "robot-1"));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(jobId(again)).isEqualTo(jobId(first));
    assertThat(engine.jobs(JobQuery.all(10, 0)).total()).isEqualTo(1);
  }

  @Test
  void aMalformedHeaderIs400() throws Exception {
    HttpResponse<String> r = submit("wf-b", Map.of("Idempotency-Key", "x".repeat(300)));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("Idempotency-Key");
    assertThat(engine.jobs(JobQuery.all(10, 0)).total()).isZero();
  }
}
