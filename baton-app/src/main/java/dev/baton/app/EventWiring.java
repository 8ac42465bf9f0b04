package dev.baton.app;

import dev.baton.fleet.Fleet;
import dev.baton.ledger.Ledger;
import dev.baton.robot.Robot;
import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Components;
import dev.baton.server.events.Channel;
import dev.baton.server.events.EventHub;
import dev.baton.server.events.EventRelay;
import dev.baton.server.events.LedgerTail;
import dev.baton.server.events.StateWatch;
import dev.baton.store.Broadcast;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The realtime channels' sources outside the engine: the ledger's tail, and watches of the robots
 * and the components (whose state is not changed in the engine's transactions). The server feeds
 * {@code jobs}, {@code schedules} and {@code progress} itself, and the relay carries those to the
 * other nodes sharing the store and theirs to this hub. Closed before the hub.
 */
final class EventWiring implements AutoCloseable {
  /** How often the ledger, robots and components are read for changes. */
  static final Duration INTERVAL = Duration.ofMillis(500);

  private final EventHub hub;
  private final LedgerTail ledger;
  private final StateWatch robots;
  private final StateWatch components;
  private final EventRelay relay;

  private EventWiring(
      EventHub hub, LedgerTail ledger, StateWatch robots, StateWatch components, EventRelay relay) {
    this.hub = hub;
    this.relay = relay;
    this.ledger = ledger;
    this.robots = robots;
    this.components = components;
  }

  static EventWiring start(
      Clock clock, Ledger ledger, Fleet fleet, Components components, Broadcast broadcast) {
    EventHub hub = new EventHub(clock);
    EventRelay relay = EventRelay.start(hub, broadcast);
    LedgerTail tail = new LedgerTail(ledger, hub, clock).start(INTERVAL);
    StateWatch robots =
        new StateWatch(hub, Channel.ROBOTS, "robot", () -> robotViews(fleet)).start(INTERVAL);
    StateWatch comps =
        new StateWatch(hub, Channel.COMPONENTS, "component", () -> componentViews(components))
            .start(INTERVAL);
    return new EventWiring(hub, tail, robots, comps, relay);
  }

  EventHub hub() {
    return hub;
  }

  /** Each robot's state, without its heartbeat time and metrics (they change on every beat). */
  private static Map<String, Map<String, @Nullable Object>> robotViews(Fleet fleet) {
    Map<String, Map<String, @Nullable Object>> out = new LinkedHashMap<>();
    for (Robot r : fleet.robots()) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("name", r.name());
      m.put("status", r.status().wireName());
      m.put("current_jobs", r.currentJobs());
      m.put("max_concurrent_jobs", r.maxConcurrentJobs());
      m.put("drained", r.drained());
      m.put("connected", fleet.isConnected(r.id()));
      out.put(r.id(), m);
    }
    return out;
  }

  /** Each component's state, without the time of its last reply. */
  private static Map<String, Map<String, @Nullable Object>> componentViews(Components components) {
    Map<String, Map<String, @Nullable Object>> out = new LinkedHashMap<>();
    for (ComponentStatus c : components.statuses()) {
      Map<String, @Nullable Object> m = c.toMap();
      m.remove("last_seen");
      out.put(c.name(), m);
    }
    return out;
  }

  @Override
  public void close() {
    relay.close();
    ledger.close();
    robots.close();
    components.close();
    hub.close();
  }
}
