package dev.baton.worker.sdk.robot;

import dev.baton.worker.sdk.internal.Backoff;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot's own reconnects, when asked for: each time its connection ends, it tries the next node
 * of its list, then the one after, and its own last (a node that dropped it is likely stopping),
 * pausing between failed tries by capped exponential backoff with jitter, so that a fleet which
 * lost a node together does not come back to the next one in lock-step. Runs on one virtual thread
 * per client until the client is closed or killed.
 */
final class ReconnectLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ReconnectLoop.class);

  private final RobotClient robot;
  private final List<URI> nodes;
  private final Duration first;
  private final Duration max;
  private final Consumer<Reconnected> listener;

  ReconnectLoop(
      RobotClient robot,
      List<URI> nodes,
      Duration first,
      Duration max,
      Consumer<Reconnected> listener) {
    this.robot = robot;
    this.nodes = List.copyOf(nodes);
    this.first = first;
    this.max = max;
    this.listener = listener;
  }

  @Override
  public void run() {
    while (robot.awaitConnectionEnd()) {
      redial();
    }
  }

  /** Tries node after node until one takes the robot, or the robot is closed. */
  private void redial() {
    URI from = robot.node();
    int at = nodes.indexOf(from);
    Backoff backoff = new Backoff(first, max);
    for (int step = 1; ; step++) {
      URI to = nodes.get(Math.floorMod(at + step, nodes.size()));
      Set<String> carried = robot.runningJobs();
      switch (robot.redial(to)) {
        case CONNECTED -> {
          log.info(
              "robot {} reconnected to {} with {} running job(s)", robot.id(), to, carried.size());
          try {
            listener.accept(new Reconnected(from, to, carried));
          } catch (RuntimeException e) {
            log.warn("robot {}: the reconnect listener failed", robot.id(), e);
          }
          return;
        }
        case ALREADY, CLOSED -> {
          return; // reconnected by a call of reconnect(uri) meanwhile, or closed
        }
        case FAILED -> {
          if (!robot.pauseUnlessClosed(backoff.next())) {
            return;
          }
        }
      }
    }
  }
}
