package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.baton.component.Event;
import dev.baton.testing.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The registry's view of components that answer, stay silent or cannot be reached. */
class ComponentsTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T10:00:00Z"));

  @Test
  void silentAndUnreachableComponentsShowAsUnknownWithTheReason() throws Exception {
    AtomicInteger received = new AtomicInteger();
    HttpServer mute = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    mute.createContext(
        "/event",
        ex -> {
          try (ex) {
            received.incrementAndGet();
            ex.sendResponseHeaders(200, -1); // takes the event, never replies
          }
        });
    mute.start();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (Components components =
        new Components(
            "baton",
            List.of(
                new ComponentConfig("mute", "127.0.0.1", mute.getAddress().getPort(), "g"),
                new ComponentConfig("gone", "127.0.0.1", closedPort, "g")),
            clock)) {
      assertThat(components.status("mute").orElseThrow().reason()).isEqualTo("no reply yet");

      components.pollOnce();
      assertThat(components.status("gone").orElseThrow().reason()).contains("unreachable");
      // A reply carrying fsm_state makes it known, with when it was seen.
      Event reply =
          Event.of("mute", "127.0.0.1", 1, "baton", "CMD_GET_STATE", Map.of(), 20)
              .reply(Event.Result.success(Map.of("fsm_state", "RUN", "error", false)), "mute");
      assertThat(components.accept(reply)).isTrue();
      assertThat(components.status("mute").orElseThrow().fsmState()).isEqualTo("RUN");
      assertThat(components.status("mute").orElseThrow().lastSeen()).isEqualTo(clock.instant());

      for (int i = 0; i < Components.SILENT_POLLS; i++) {
        components.pollOnce();
      }
      assertThat(components.status("mute").orElseThrow().fsmState()).isEqualTo("RUN");
      components.pollOnce();
      ComponentStatus silent = components.status("mute").orElseThrow();
      assertThat(silent.shownState()).isEqualTo("UNKNOWN");
      assertThat(silent.reason()).isEqualTo("no reply to CMD_GET_STATE in the last 3 polls");
      assertThat(silent.lastSeen()).isEqualTo(clock.instant());
      assertThat(received.get()).isEqualTo(5);

      // Replies from strangers, and events without a result, change nothing.
      assertThat(components.accept(Event.of("stranger", "x", 1, "baton", "X", Map.of(), 1)))
          .isFalse();
      assertThatThrownBy(() -> components.send("nobody", "CMD_RUN", Map.of(), 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no component named 'nobody'");
      assertThatThrownBy(() -> components.send("gone", "CMD_RUN", Map.of(), 1))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("unreachable");
    } finally {
      mute.stop(0);
    }
  }
}
