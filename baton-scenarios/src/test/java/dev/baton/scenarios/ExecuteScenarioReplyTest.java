package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.baton.component.Event;
import dev.baton.store.InMemoryStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EXECUTE_SCENARIO replies to its sender once the run ended, as upstream's commented design. */
class ExecuteScenarioReplyTest {
  final List<Event> replies = new CopyOnWriteArrayList<>();
  HttpServer sender;
  Rig rig;

  @BeforeEach
  void start() throws Exception {
    sender = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sender.createContext(
        "/event",
        ex -> {
          try (ex) {
            replies.addAll(Event.parseAll(ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
          }
        });
    sender.start();
    rig = new Rig(new InMemoryStore(), Clock.systemUTC(), 2, Map.of(), null, true, false);
  }

  @AfterEach
  void stop() {
    rig.close();
    sender.stop(0);
  }

  String event(String data) {
    return """
    {"source": "mes", "source_address": "127.0.0.1", "source_port": %d,
     "destination": "baton", "event_type": "EXECUTE_SCENARIO", "data": %s}
    """
        .formatted(sender.getAddress().getPort(), data);
  }

  @Test
  void repliesSuccessWhenTheRunFinishedAndErrorsOtherwise() throws Exception {
    await().until(() -> rig.components.statuses().stream().allMatch(c -> c.fsmState() != null));
    rig.post(
        "/event", event("{\"scenario_name\": \"Uruchomienie wszystkich usług systemu (@all)\"}"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !replies.isEmpty());
    Event done = replies.get(0);
    assertThat(done.source()).isEqualTo("baton");
    assertThat(done.destination()).isEqualTo("mes");
    assertThat(done.result()).isNotNull();
    assertThat(done.result().result()).isEqualTo("success");
    assertThat(done.result().data())
        .containsEntry("scenario_executed", "Uruchomienie wszystkich usług systemu (@all)")
        .containsEntry("success", true);

    rig.post("/event", event("{}"));
    await().until(() -> replies.size() == 2);
    assertThat(replies.get(1).result().result()).isEqualTo("error");
    assertThat(replies.get(1).result().errorMessage())
        .isEqualTo("Brak nazwy scenariusza w danych wydarzenia");

    rig.post("/event", event("{\"scenario_name\": \"nope\"}"));
    await().until(() -> replies.size() == 3);
    assertThat(replies.get(2).result().errorMessage()).isEqualTo("Scenario not found: nope");
    assertThat(replies.get(2).result().data()).containsEntry("success", false);
  }
}
