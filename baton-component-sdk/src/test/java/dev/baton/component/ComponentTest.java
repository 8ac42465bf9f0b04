package dev.baton.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The avena FSM and /event protocol over real HTTP, replies caught by a local listener. */
class ComponentTest {
  final List<Event> replies = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  HttpServer inbox;
  SimulatedComponent c;

  @BeforeEach
  void start() throws Exception {
    inbox = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    inbox.createContext(
        "/event",
        ex -> {
          try (ex) {
            replies.addAll(Event.parseAll(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
          }
        });
    inbox.start();
    c = new SimulatedComponent("io", Duration.ZERO);
    c.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    c.close();
    inbox.stop(0);
  }

  HttpResponse<String> post(String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port() + "/event"))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  void command(String type) throws Exception {
    int before = replies.size();
    Event e =
        Event.of("baton", "127.0.0.1", inbox.getAddress().getPort(), "io", type, Map.of(), 20);
    assertThat(post(new String(e.toJson())).body()).isEqualTo("{\"status\":\"ok\"}");
    await().until(() -> replies.size() > before);
  }

  Event last() {
    return replies.get(replies.size() - 1);
  }

  @Test
  void followsTheFsmTableWithAliases() throws Exception {
    assertThat(c.state()).isEqualTo(FsmState.STOPPED);
    command("CMD_INITIALIZE");
    assertThat(c.state()).isEqualTo(FsmState.INITIALIZED);
    command("CMD_RUN");
    assertThat(c.state()).isEqualTo(FsmState.RUN);
    command("CMD_PAUSE");
    assertThat(c.state()).isEqualTo(FsmState.PAUSE);
    command("CMD_RUN");
    assertThat(c.state()).isEqualTo(FsmState.RUN);
    command("CMD_INITIALIZED"); // RUN -> SOFT_STOPPING -> INITIALIZED
    assertThat(c.state()).isEqualTo(FsmState.INITIALIZED);
    command("CMD_PAUSE"); // not valid in INITIALIZED: ignored
    assertThat(c.state()).isEqualTo(FsmState.INITIALIZED);
    command("CMD_RUN");
    command("CMD_HARD_STOP");
    assertThat(c.state()).isEqualTo(FsmState.STOPPED);
    command("CMD_RUN");
    command("CMD_STOP"); // alias of CMD_STOPPED: from any state
    assertThat(c.state()).isEqualTo(FsmState.STOPPED);
  }

  @Test
  void getStateRepliesAsynchronouslyWithTheEnvelopeSwapped() throws Exception {
    c.fault("feeder1 jammed");
    command("CMD_GET_STATE");
    Event r = last();
    assertThat(r.source()).isEqualTo("io");
    assertThat(r.destination()).isEqualTo("baton");
    assertThat(r.eventType()).isEqualTo("CMD_GET_STATE");
    assertThat(r.result()).isNotNull();
    assertThat(r.result().result()).isEqualTo("success");
    assertThat(r.result().data())
        .containsEntry("fsm_state", "FAULT")
        .containsEntry("error", true)
        .containsEntry("error_message", "feeder1 jammed");

    command("CMD_RESTART");
    assertThat(last().result().result()).isEqualTo("error");
    assertThat(last().result().errorMessage())
        .isEqualTo("Cannot restart from state FAULT. System must be in STOPPED state first.");
    command("CMD_ACK"); // FAULT -> ACK -> STOPPED, errors cleared
    assertThat(c.state()).isEqualTo(FsmState.STOPPED);
    assertThat(c.errorMessage()).isNull();
    command("CMD_RESTART");
    assertThat(last().result().data())
        .containsEntry("message", "Restart accepted, shutting down system");
    command("CMD_HEALTH_CHECK");
    assertThat(last().result().data())
        .containsKeys("process_count", "cpu_percent", "memory_rss_mb");
  }

  @Test
  void nonCommandEventsAnswerByState() throws Exception {
    command("DO_WORK");
    assertThat(last().result().result()).isEqualTo("error");
    assertThat(last().result().data()).containsEntry("message", "Service stopped");
    command("CMD_INITIALIZE");
    command("DO_WORK");
    assertThat(last().result().result()).isEqualTo("info");
    assertThat(last().result().data()).containsEntry("message", "System in initialization state");
    command("CMD_RUN");
    command("DO_WORK");
    assertThat(last().result().result()).isEqualTo("success");
  }

  @Test
  void minimalBodyAndCumulativeBatchesAreAccepted() throws Exception {
    var r =
        post(
            "{\"source\": \"admin\", \"destination\": \"io\", \"event_type\": \"CMD_INITIALIZE\", \"data\": {}}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
    await().until(() -> c.state() == FsmState.INITIALIZED);

    post(
        """
        {"source": "admin", "destination": "io", "event_type": "cumulative", "data": {"events": [
          {"source": "admin", "destination": "io", "event_type": "CMD_RUN"},
          {"source": "admin", "destination": "io", "event_type": "CMD_PAUSE"}]}}
        """);
    await().until(() -> c.state() == FsmState.PAUSE);

    var bad = post("{\"source\": \"admin\", \"data\": []}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("event_type is required");
    assertThat(post("not json").statusCode()).isEqualTo(400);
  }

  @Test
  void simulatorFaultsAndGetsStuckOnRequest() throws Exception {
    post(
        "{\"source\": \"t\", \"event_type\": \"SIMULATE_FAULT\", \"data\": {\"message\": \"boom\"}}");
    await().until(() -> c.state() == FsmState.FAULT);
    assertThat(c.errorMessage()).isEqualTo("boom");
    command("CMD_ACK");
    post("{\"source\": \"t\", \"event_type\": \"SIMULATE_STUCK\", \"data\": {\"stuck\": true}}");
    post("{\"source\": \"t\", \"event_type\": \"CMD_INITIALIZE\"}");
    // Events are handled in order: the state reply comes after the ignored command.
    command("CMD_GET_STATE");
    assertThat(last().result().data()).containsEntry("fsm_state", "STOPPED");
    assertThat(c.state()).isEqualTo(FsmState.STOPPED);
  }
}
