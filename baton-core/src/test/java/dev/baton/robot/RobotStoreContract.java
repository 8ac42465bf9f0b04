package dev.baton.robot;

import static dev.baton.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link RobotStore} must do. */
public interface RobotStoreContract {
  RobotStore robotStore();

  @Test
  default void aRobotComesBackEqualAndIsReplaced() {
    Robot r = robot("r1", T0);
    robotStore().putRobot(r);
    assertThat(robotStore().robot("r1")).contains(r);
    Robot busy = r.withCurrentJobs(2).withStatus(RobotStatus.BUSY).withDrained(true);
    robotStore().putRobot(busy);
    assertThat(robotStore().robot("r1")).contains(busy);
    assertThat(robotStore().robot("nope")).isEmpty();
  }

  @Test
  default void robotsAreListedInTheOrderTheyRegistered() {
    robotStore().putRobot(robot("b", T0.plusSeconds(2)));
    robotStore().putRobot(robot("a", T0.plusSeconds(3)));
    robotStore().putRobot(robot("c", T0.plusSeconds(1)));
    assertThat(robotStore().robots()).extracting(Robot::id).containsExactly("c", "b", "a");
  }

  static Robot robot(String id, Instant registered) {
    return new Robot(
        id,
        "Robot " + id,
        "prod",
        RobotStatus.ONLINE,
        2,
        1,
        Map.of("task_types", List.of("rpa"), "browser", true),
        List.of("finance", "eu"),
        registered.plusSeconds(5),
        Map.of("cpu_percent", 12.5),
        false,
        registered);
  }
}
