package dev.baton.console;

import dev.baton.engine.BatonException;
import dev.baton.robot.Robot;
import java.util.List;

/** The robot fleet as the console sees it; {@link #NONE} when the server runs no fleet. */
public interface FleetView {
  FleetView NONE =
      new FleetView() {
        @Override
        public List<Robot> robots() {
          return List.of();
        }

        @Override
        public boolean connected(String robotId) {
          return false;
        }

        @Override
        public Robot drain(String robotId, boolean on) {
          throw BatonException.notFound("Robot not found: " + robotId);
        }

        @Override
        public void command(String robotId, String type) {
          throw BatonException.conflict("robot " + robotId + " is not connected");
        }
      };

  List<Robot> robots();

  boolean connected(String robotId);

  /**
   * Drains a robot (it takes no new jobs) or ends the drain; returns it as stored.
   *
   * @throws BatonException when no robot has that id
   */
  Robot drain(String robotId, boolean on);

  /**
   * Sends a connected robot an operator's command: {@code pause} (it takes no new jobs until
   * resumed) or {@code resume}.
   *
   * @throws BatonException when the robot is not connected or the command is unknown
   */
  void command(String robotId, String type);
}
