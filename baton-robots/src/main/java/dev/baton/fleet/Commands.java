package dev.baton.fleet;

import dev.baton.engine.BatonException;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotCommand;
import dev.baton.robot.RobotStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' commands to robots ({@code pause}, {@code resume}, {@code shutdown}, {@code
 * status_request}) wherever the robot is connected: sent at once to a robot connected here, else
 * queued in the store for the node it is connected to, which takes it when the store's wake-up
 * reaches it (or at its next fleet check, should the wake-up be lost) and sends it. The store hands
 * each command out once, so the robot gets it once; one that waited past the stale timeout (its
 * robot went away meanwhile) is dropped rather than sent to a robot that comes back much later.
 */
final class Commands {
  private static final Logger log = LoggerFactory.getLogger(Commands.class);
  private static final List<String> TYPES =
      List.of("pause", "resume", "shutdown", "status_request");

  private final Attached at;
  private final Sessions sessions;
  private final Runnable wake;

  Commands(Attached at, Sessions sessions, Runnable wake) {
    this.at = at;
    this.sessions = sessions;
    this.wake = wake;
  }

  /**
   * Sends the command, or queues it for the node the robot is connected to.
   *
   * @return true when sent from here, false when queued for another node
   * @throws BatonException INVALID for an unknown command, NOT_FOUND for an unknown robot, CONFLICT
   *     for a robot no node has connected
   */
  boolean send(String robotId, String type, Map<String, Object> extra) {
    if (!TYPES.contains(type)) {
      throw BatonException.invalid(
          "unknown command '" + type + "'; expected pause, resume, shutdown or status_request");
    }
    Map<String, Object> payload = new LinkedHashMap<>(extra);
    payload.put("robot_id", robotId);
    RobotSession s = sessions.of(robotId);
    if (s != null) {
      deliver(s, type, payload);
      return true;
    }
    Robot stored =
        at.store()
            .robot(robotId)
            .orElseThrow(() -> BatonException.notFound("Robot not found: " + robotId));
    if (stored.status() == RobotStatus.OFFLINE) {
      throw BatonException.conflict("robot " + robotId + " is not connected");
    }
    at.store().queueCommand(new RobotCommand(robotId, type, payload, at.now()));
    return false;
  }

  /** Sends the commands waiting in the store for the robots connected here. */
  void deliverWaiting() {
    deliverWaiting(sessions.registered().stream().map(s -> s.registered().id()).toList());
  }

  /** Sends the commands waiting in the store for these robots, if connected here. */
  void deliverWaiting(Collection<String> robotIds) {
    if (robotIds.isEmpty()) {
      return;
    }
    Instant staleBefore = at.now().minus(at.options().staleTimeout());
    for (RobotCommand c : at.store().takeCommands(robotIds)) {
      RobotSession s = sessions.of(c.robotId());
      if (s == null || c.createdAt().isBefore(staleBefore)) {
        // Taken, so gone from the store: it moved on between the read and now, or waited too long.
        log.info(
            "command {} to robot {} dropped: robot not here or command stale",
            c.type(),
            c.robotId());
        continue;
      }
      deliver(s, c.type(), c.payload());
    }
  }

  private void deliver(RobotSession s, String type, Map<String, Object> payload) {
    switch (type) {
      case "pause" -> s.pause(true);
      case "resume" -> {
        s.pause(false);
        wake.run();
      }
      default -> {}
    }
    s.send(Envelope.of(type, payload, null, at.now()));
  }
}
