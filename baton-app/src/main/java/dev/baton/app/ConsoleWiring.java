package dev.baton.app;

import dev.baton.app.definition.StoredBlueprints;
import dev.baton.app.definition.StoredShelf;
import dev.baton.cluster.Leadership;
import dev.baton.console.Console;
import dev.baton.console.ConsoleSources;
import dev.baton.console.FleetView;
import dev.baton.console.LoopSwitch;
import dev.baton.engine.Engine;
import dev.baton.fleet.Fleet;
import dev.baton.ledger.Ledger;
import dev.baton.loop.ControlLoop;
import dev.baton.scenarios.Scenarios;
import dev.baton.series.Series;
import dev.baton.server.Role;
import dev.baton.server.ServerOptions;
import dev.baton.server.events.EventHub;
import java.time.ZoneId;

/**
 * The console on this app's engine, ledger, fleet, event hub, control loop, leadership, stored
 * blueprints, scenarios and the store's series.
 */
final class ConsoleWiring {
  private ConsoleWiring() {}

  static Console console(
      Engine engine,
      Ledger ledger,
      Fleet fleet,
      EventHub events,
      ServerOptions options,
      ZoneId zone,
      ControlLoop loop,
      Leadership leadership,
      StoredBlueprints blueprints,
      Scenarios scenarios,
      Series series,
      Role actions) {
    FleetView view = new LiveFleetView(fleet, engine);
    LoopHealth health = new LoopHealth(loop, ledger, engine.clock());
    return new Console(
        new ConsoleSources(
            engine,
            ledger,
            view,
            events,
            options,
            zone,
            () -> health.get(),
            leadership,
            new StoredShelf(blueprints),
            new LiveScenarioBoard(scenarios),
            loopSwitch(loop),
            series,
            actions));
  }

  /**
   * {@code BATON_CONSOLE_ACTION_ROLE}: operator (the default, the API's own) or admin.
   *
   * @throws Settings.ConfigException for another value, naming where it came from
   */
  static Role actionRole(Settings s) {
    String v = s.text(Setting.CONSOLE_ACTION_ROLE).strip();
    return switch (v) {
      case "operator" -> Role.OPERATOR;
      case "admin" -> Role.ADMIN;
      default ->
          throw new Settings.ConfigException(
              s.source(Setting.CONSOLE_ACTION_ROLE)
                  + ": '"
                  + v
                  + "' is not a role the console's actions may need; use operator or admin");
    };
  }

  /** The loop's timer and a cycle now, as the orchestrator routes use them. */
  private static LoopSwitch loopSwitch(ControlLoop loop) {
    return new LoopSwitch() {
      @Override
      public boolean running() {
        return loop.running();
      }

      @Override
      public java.time.Duration interval() {
        return loop.interval();
      }

      @Override
      public boolean enable(String by) {
        return loop.enable(by).equals("started");
      }

      @Override
      public boolean disable(String by) {
        return loop.disable(by).equals("stopped");
      }

      @Override
      public long runOnce() {
        return loop.runOnce().number();
      }
    };
  }
}
