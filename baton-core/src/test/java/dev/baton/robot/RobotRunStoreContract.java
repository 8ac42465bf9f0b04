package dev.baton.robot;

import static dev.baton.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link RobotRunStore} must do. */
public interface RobotRunStoreContract {
  RobotRunStore runStore();

  @Test
  default void aRunIsReplacedAndCountedWhenItEnds() {
    RobotRun run = RobotRun.accepted("j1", "t1", "r1", "wf", T0);
    runStore().putRun(run);
    assertThat(runStore().run("j1")).contains(run);
    RobotRun progressed = run.progressed(40, "node-3", "halfway", T0.plusSeconds(1));
    runStore().putRun(progressed);
    assertThat(runStore().run("j1")).contains(progressed);
    runStore().putRun(progressed.finished("completed", T0.plusSeconds(4)));
    runStore()
        .putRun(
            RobotRun.accepted("j2", "t2", "r1", "wf", T0).finished("completed", T0.plusSeconds(2)));
    runStore()
        .putRun(
            RobotRun.accepted("j3", "t3", "r2", "wf", T0).finished("failed", T0.plusSeconds(1)));
    runStore()
        .putRun(
            RobotRun.accepted("j4", "t4", "r2", "wf", T0).finished("timeout", T0.plusSeconds(9)));
    runStore().putRun(RobotRun.accepted("j5", "t5", "r2", "wf", T0));
    RunStats stats = runStore().runStats(T0);
    assertThat(stats.completed()).isEqualTo(2);
    assertThat(stats.failed()).isEqualTo(2);
    assertThat(stats.averageDurationMs()).isEqualTo(3000.0);
    assertThat(runStore().runStats(T0.plusSeconds(3)).completed()).isEqualTo(1);
    assertThat(runStore().run("j1").orElseThrow().progress()).isEqualTo(100);
  }

  @Test
  default void successesAreCountedPerWorkflowAndRobot() {
    runStore().countOutcome("r1", "wf", true);
    runStore().countOutcome("r1", "wf", true);
    runStore().countOutcome("r2", "wf", true);
    runStore().countOutcome("r2", "wf", false);
    runStore().countOutcome("r3", "other", true);
    assertThat(runStore().successes("wf")).isEqualTo(Map.of("r1", 2L, "r2", 1L));
    assertThat(runStore().successes("none")).isEmpty();
  }
}
