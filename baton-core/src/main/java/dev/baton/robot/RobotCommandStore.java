package dev.baton.robot;

import java.util.Collection;
import java.util.List;

/**
 * Operators' commands on their way to robots connected to other nodes. Checked by {@code
 * RobotCommandStoreContract}; thread-safe.
 */
public interface RobotCommandStore {

  /**
   * Keeps the command until the robot's node takes it; a store shared by other processes tells them
   * ({@code Wakeups.Kind.ROBOTS}) once it commits.
   */
  void queueCommand(RobotCommand command);

  /**
   * Removes and returns the commands waiting for any of the robots, oldest first. A command is
   * returned by one call only, even when two nodes ask at once, so it reaches its robot once.
   */
  List<RobotCommand> takeCommands(Collection<String> robotIds);
}
