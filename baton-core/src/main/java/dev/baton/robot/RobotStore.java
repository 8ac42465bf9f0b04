package dev.baton.robot;

import java.util.List;
import java.util.Optional;

/** The fleet's registry of robots. Checked by {@code RobotStoreContract}; thread-safe. */
public interface RobotStore {

  /** Inserts the robot or replaces the stored one. */
  void putRobot(Robot robot);

  Optional<Robot> robot(String id);

  /** In the order they first registered. */
  List<Robot> robots();
}
