package dev.baton.console;

import dev.baton.cluster.Leadership;
import dev.baton.engine.Engine;
import dev.baton.ledger.Ledger;
import dev.baton.series.Series;
import dev.baton.server.Role;
import dev.baton.server.ServerOptions;
import dev.baton.server.events.EventHub;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the console reads and acts on.
 *
 * @param options the server's options: their client access decides who may log in (none: the
 *     console is open, and says so on every page)
 * @param zone where "today" starts
 * @param health the control loop's {@code system} section ({@code health_score}, {@code status}),
 *     or null when there is no loop
 * @param cluster this node's leadership: the nodes sharing the store and who leads each duty, or
 *     null when the server runs alone without one
 * @param blueprints the stored blueprints and their versions ({@link BlueprintShelf#NONE}: none)
 * @param scenarios the managed components and the scenarios ({@link ScenarioBoard#NONE}: none)
 * @param loop the control loop's switch ({@link LoopSwitch#NONE}: no loop)
 * @param series the overview charts' series, read from the store's per-minute buckets
 * @param actions the role a session needs for the console's operator actions (schedules, robots,
 *     components, blueprints, the quarantine lane...): {@code operator} (the API's own) or {@code
 *     admin}; a page still shows to an operator, and a form sent anyway is answered 403
 */
public record ConsoleSources(
    Engine engine,
    Ledger ledger,
    FleetView fleet,
    EventHub events,
    ServerOptions options,
    ZoneId zone,
    @Nullable Supplier<Map<String, @Nullable Object>> health,
    @Nullable Leadership cluster,
    BlueprintShelf blueprints,
    ScenarioBoard scenarios,
    LoopSwitch loop,
    Series series,
    Role actions) {

  public ConsoleSources {
    if (actions != Role.OPERATOR && actions != Role.ADMIN) {
      throw new IllegalArgumentException(
          "the console's action role must be operator or admin, was " + actions.wireName());
    }
  }
}
