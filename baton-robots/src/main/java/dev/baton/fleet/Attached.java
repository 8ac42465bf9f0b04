package dev.baton.fleet;

import dev.baton.engine.Engine;
import dev.baton.robot.FleetStore;
import java.time.Clock;
import java.time.Instant;

/** What the fleet's parts work with once it is attached to an engine. */
record Attached(FleetStore store, Engine engine, FleetOptions options, Clock clock) {
  Instant now() {
    return clock.instant();
  }
}
