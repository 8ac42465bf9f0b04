package dev.baton.console;

import dev.baton.console.internal.ConsoleRoutes;
import dev.baton.server.route.RouteSet;
import io.javalin.config.RoutesConfig;

/**
 * The operator console at {@code /}: the overview, the jobs table and a job's page, the quarantine
 * lane, robots and workers, the cluster, the stored blueprints, the schedules, the components and
 * scenarios, and logging in with a client token when the server has a clients file. Pass it to
 * {@code BatonServer.start} with the other features' routes:
 *
 * <pre>{@code
 * Console console = new Console(new ConsoleSources(engine, ledger, fleet, hub, options, zone, null, null,
 *     BlueprintShelf.NONE, ScenarioBoard.NONE,
 *     LoopSwitch.NONE, new Series(store, new MinuteTally(ledger, store), clock), Role.OPERATOR));
 * BatonServer server = BatonServer.start(engine, channel, options, List.of(console), meters, hub);
 * }</pre>
 *
 * Closing it ends the console's open event streams (before the server stops).
 */
public final class Console implements RouteSet, AutoCloseable {
  private final ConsoleRoutes routes;

  public Console(ConsoleSources sources) {
    this.routes = new ConsoleRoutes(sources);
  }

  @Override
  public void register(RoutesConfig config) {
    routes.register(config);
  }

  @Override
  public void close() {
    routes.close();
  }
}
