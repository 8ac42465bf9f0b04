package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.component.Event;
import dev.baton.component.SimulatedComponent;
import dev.baton.store.InMemoryStore;
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
  SimulatedComponent sender;
  Rig rig;

  @BeforeEach
  void start() throws Exception {
    // Issue 15: replies go only to configured components, so the sender is one (with a secret),
    // and it answers Baton's commands like any component, so that @all can finish.
    sender =
        new SimulatedComponent("mes", Duration.ofMillis(20), "mes-secret") {
          @Override
          protected void onReply(Event reply) {
            replies.add(reply);
          }
        };
    sender.start("127.0.0.1", 0);
    rig =
        new Rig(
            new InMemoryStore(),
            Clock.systemUTC(),
            2,
            Map.of(
                "clients",
                Map.of(
                    "mes",
                    Map.of(
                        "address",
                        "127.0.0.1",
                        "port",
                        sender.port(),
                        "group",
                        "external",
                        "secret",
                        "mes-secret"))),
            null,
            true,
            false);
  }

  @AfterEach
  void stop() {
    rig.close();
    sender.close();
  }

  String event(String data) {
    return event("mes", data);
  }

  String event(String source, String data) {
    return """
    {"source": "%s", "source_address": "127.0.0.1", "source_port": %d,
     "destination": "baton", "event_type": "EXECUTE_SCENARIO", "data": %s}
    """
        .formatted(source, sender.port(), data);
  }

  java.net.http.HttpResponse<String> post(String body) throws Exception {
    return rig.post("/event", body, ScenarioRoutes.SECRET_HEADER, "mes-secret");
  }

  @Test
  void anEventFromAComponentWithASecretNeedsIt() throws Exception {
    var none = rig.post("/event", event("{}"));
    assertThat(none.statusCode()).as(none.body()).isEqualTo(401);
    var wrong = rig.post("/event", event("{}"), ScenarioRoutes.SECRET_HEADER, "nope");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(rig.scenarios.runs(null, 10)).isEmpty();
    assertThat(post(event("{}")).statusCode()).isEqualTo(200);
  }

  @Test
  void aSenderThatIsNotAConfiguredComponentGetsNoReply() throws Exception {
    // The reply to a missing scenario name is sent before /event answers: had Baton followed the
    // event's source_address and source_port, it would be in replies now.
    var r = rig.post("/event", event("stranger", "{}"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(replies).isEmpty();
    post(event("{}"));
    await().until(() -> replies.size() == 1);
    assertThat(replies.get(0).destination()).isEqualTo("mes");
  }

  @Test
  void repliesSuccessWhenTheRunFinishedAndErrorsOtherwise() throws Exception {
    await().until(() -> rig.components.statuses().stream().allMatch(c -> c.fsmState() != null));
    post(event("{\"scenario_name\": \"Uruchomienie wszystkich usług systemu (@all)\"}"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !replies.isEmpty());
    Event done = replies.get(0);
    assertThat(done.source()).isEqualTo("baton");
    assertThat(done.destination()).isEqualTo("mes");
    assertThat(done.result()).isNotNull();
    assertThat(done.result().result()).isEqualTo("success");
    assertThat(done.result().data())
        .containsEntry("scenario_executed", "Uruchomienie wszystkich usług systemu (@all)")
        .containsEntry("success", true);

    post(event("{}"));
    await().until(() -> replies.size() == 2);
    assertThat(replies.get(1).result().result()).isEqualTo("error");
    assertThat(replies.get(1).result().errorMessage())
        .isEqualTo("Brak nazwy scenariusza w danych wydarzenia");

    post(event("{\"scenario_name\": \"nope\"}"));
    await().until(() -> replies.size() == 3);
    assertThat(replies.get(2).result().errorMessage()).isEqualTo("Scenario not found: nope");
    assertThat(replies.get(2).result().data()).containsEntry("success", false);
  }
}
