package dev.baton.robot;

import java.util.List;
import java.util.Optional;

/** The fleet's registry of robots. Checked by {@code RobotStoreContract}; thread-safe. */
public interface RobotStore {

  /** Inserts the robot or replaces the stored one. */
  void putRobot(Robot robot);

  /**
   * Like {@link #putRobot}, for an operator's change (a drain) that the node the robot is connected
   * to must apply: a store shared by other processes tells them ({@code Wakeups.Kind.ROBOTS}) once
   * it commits. A store nobody shares has nobody to tell.
   */
  default void putRobotForAll(Robot robot) {
    putRobot(robot);
  }

  Optional<Robot> robot(String id);

  /** In the order they first registered. */
  List<Robot> robots();
}
