package dev.baton.app;

import dev.baton.definition.DefinitionStore;
import dev.baton.engine.Engine;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.FleetOptions;
import dev.baton.fleet.StoredWorkflows;
import dev.baton.fleet.web.RobotRoutes;
import dev.baton.fleet.web.WorkflowFlags;
import dev.baton.job.Task;
import dev.baton.loop.SnapshotSource;
import dev.baton.robot.FleetStore;
import dev.baton.server.route.RouteSet;
import dev.baton.store.Wakeups;
import java.time.Clock;

/**
 * The robot fleet on this engine: its dispatch strategy, its share of task cancellation, its
 * section of the control loop's snapshot and its HTTP/WebSocket routes. The one class of the app
 * that knows the fleet's own types.
 */
final class RobotWiring implements AutoCloseable {
  private final Fleet fleet;

  private RobotWiring(Fleet fleet) {
    this.fleet = fleet;
  }

  /** The fleet, not yet dispatching: the engine is built with its strategy first. */
  static RobotWiring create(
      FleetStore store, Wakeups wakeups, FleetOptions options, DefinitionStore definitions) {
    // Robot jobs may name a stored workflow; its versions can be deployed to robots.
    Fleet fleet =
        new Fleet(
            store,
            Clock.systemUTC(),
            options,
            new StoredWorkflows(definitions, WorkflowFlags::deployedOnly));
    wakeups.subscribe(w -> {
      if (w.kind() == Wakeups.Kind.TASKS) {
        fleet.tasksQueuedElsewhere();
      } else if (w.kind() == Wakeups.Kind.CANCELLED) {
        fleet.tasksCancelledElsewhere();
      } else if (w.kind() == Wakeups.Kind.ROBOTS) {
        fleet.robotsChangedElsewhere();
      }
    });
    return new RobotWiring(fleet);
  }

  /** Adds what the engine must know before it is built: the {@code affinity} strategy. */
  Engine.Builder into(Engine.Builder b) {
    return b.strategy("affinity", fleet.affinity());
  }

  /** A cancelled task that a robot runs is cancelled on the robot. */
  void cancelTask(Task task) {
    fleet.cancelTask(task);
  }

  /** Listens to the built engine: a job that changes may have made robot work dispatchable. */
  void listenTo(Engine engine) {
    engine.addListener(fleet::jobChanged);
  }

  /** Starts dispatching and watching robots; after the engine has started. */
  void start(Engine engine) {
    fleet.attach(engine).start();
  }

  /** The control loop's {@code robots} section. */
  SnapshotSource section() {
    return SnapshotSource.of("robots", now -> fleet.dashboard());
  }

  RouteSet routes(Engine engine, int maxBodyBytes) {
    return new RobotRoutes(fleet, engine, maxBodyBytes);
  }

  Fleet fleet() {
    return fleet;
  }

  /** Closes the robots' sessions; before the server, so their sockets do not hand back jobs. */
  @Override
  public void close() {
    fleet.close();
  }
}
