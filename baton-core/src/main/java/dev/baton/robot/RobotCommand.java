package dev.baton.robot;

import java.time.Instant;
import java.util.Map;

/**
 * An operator's command to a robot ({@code pause}, {@code resume}, {@code shutdown}, {@code
 * status_request}) made on a node the robot is not connected to: it waits in the store until the
 * node the robot is connected to takes it and sends it.
 *
 * @param payload the message's payload as the robot gets it
 * @param createdAt when the operator made it; a command taken long after is dropped as stale
 */
public record RobotCommand(
    String robotId, String type, Map<String, Object> payload, Instant createdAt) {
  public RobotCommand {
    payload = Map.copyOf(payload);
  }
}
