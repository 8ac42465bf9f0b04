package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.console.BlueprintShelf;
import dev.baton.console.Console;
import dev.baton.console.ConsoleSources;
import dev.baton.console.FleetView;
import dev.baton.console.LoopSwitch;
import dev.baton.console.ScenarioBoard;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.series.MinuteTally;
import dev.baton.series.Series;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.events.EventHub;
import dev.baton.server.metrics.Meters;
import dev.baton.store.InMemoryStore;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The control loop panel's "Run once" when the cycle cannot run through (its ledger refused the
 * entries, say) or cannot run at all: a 503 or a 409 with the reason on the page, never a 500. The
 * real loop does not fail on demand, so the console runs here on a loop switch that fails as one
 * would, in a server of its own (open mode: an anonymous admin).
 */
class ConsoleLoopFailureTest {
  private final InMemoryStore store = new InMemoryStore();
  private final WebSocketChannel channel = new WebSocketChannel();
  private final ConsoleForms forms = new ConsoleForms();
  private EventHub hub;
  private Meters meters;
  private Console console;
  private BatonServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (console != null) {
      console.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (meters != null) {
      meters.close();
    }
  }

  @Test
  void aCycleThatFailsIsA503WithItsReasonOnThePage() throws Exception {
    start(() -> {
      throw new IllegalStateException("the ledger refused the cycle's entries");
    });
    HttpResponse<String> ran = runOnce();
    assertThat(ran.statusCode()).isEqualTo(503);
    assertThat(ran.body())
        .contains("id=\"action-problem\"")
        .contains("the cycle could not run through (the ledger refused the cycle's entries)")
        .contains("orchestrator.cycle_error");
  }

  @Test
  void aCycleThatCannotRunIsA409WithItsReasonOnThePage() throws Exception {
    start(() -> {
      throw BatonException.conflict("this server runs no control loop");
    });
    HttpResponse<String> ran = runOnce();
    assertThat(ran.statusCode()).isEqualTo(409);
    assertThat(ran.body()).contains("Not done: this server runs no control loop");
  }

  private HttpResponse<String> runOnce() throws Exception {
    HttpResponse<String> page = forms.get(url("/console/loop"));
    assertThat(page.statusCode()).isEqualTo(200);
    return forms.post(url("/console/loop/run-once"), "_csrf=" + ConsoleForms.csrf(page.body()));
  }

  private void start(Supplier<Long> cycle) {
    Engine engine = Engine.builder(store).workerChannel(channel).build();
    hub = new EventHub(engine.clock());
    meters = Meters.create();
    ServerOptions options = ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0);
    console =
        new Console(
            new ConsoleSources(
                engine,
                store.ledger(),
                FleetView.NONE,
                hub,
                options,
                ZoneOffset.UTC,
                null,
                null,
                BlueprintShelf.NONE,
                ScenarioBoard.NONE,
                failing(cycle),
                new Series(store, new MinuteTally(store.ledger(), store), engine.clock()),
                dev.baton.server.Role.OPERATOR));
    server = BatonServer.start(engine, channel, options, List.of(console), meters, hub);
  }

  private static LoopSwitch failing(Supplier<Long> cycle) {
    return new LoopSwitch() {
      @Override
      public boolean running() {
        return false;
      }

      @Override
      public Duration interval() {
        return Duration.ofSeconds(1);
      }

      @Override
      public boolean enable(String by) {
        return true;
      }

      @Override
      public boolean disable(String by) {
        return true;
      }

      @Override
      public long runOnce() {
        return cycle.get();
      }
    };
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
