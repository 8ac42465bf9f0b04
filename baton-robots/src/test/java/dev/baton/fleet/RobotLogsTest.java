package dev.baton.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.robot.JobLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-robot ring keeps each robot's newest lines, oldest first, and no more than it holds. */
class RobotLogsTest {

  private static JobLog line(String robot, int n) {
    return new JobLog(
        "job-" + n, robot, Instant.EPOCH.plusSeconds(n), "INFO", "line " + n, null, Map.of());
  }

  @Test
  void keepsTheNewestLinesOfEachRobotApart() {
    RobotLogs logs = new RobotLogs();
    List<JobLog> many = new ArrayList<>();
    for (int n = 0; n < RobotLogs.KEPT + 5; n++) {
      many.add(line("r1", n));
    }
    logs.add("r1", many.subList(0, 3));
    logs.add("r1", many.subList(3, many.size()));
    logs.add("r2", List.of(line("r2", 7)));

    List<JobLog> r1 = logs.of("r1");
    assertThat(r1).hasSize(RobotLogs.KEPT);
    assertThat(r1.getFirst().message()).isEqualTo("line 5");
    assertThat(r1.getLast().message()).isEqualTo("line " + (RobotLogs.KEPT + 4));
    assertThat(logs.of("r2")).extracting(JobLog::message).containsExactly("line 7");
    assertThat(logs.of("nobody")).isEmpty();
  }
}
