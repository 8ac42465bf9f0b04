package dev.baton.robot;

import static dev.baton.store.StoreFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link RobotRunStore} must do. */
public interface RobotRunStoreContract {
  RobotRunStore runStore();

  @Test
  default void aRunIsFinishedInPlaceKeepingWhatItReported() {
    RobotRun run =
        RobotRun.accepted("j1", "t1", "r1", "wf", T0)
            .progressed(40, "node-3", "halfway", T0.plusSeconds(1));
    runStore().putRun(run);
    runStore().putRun(RobotRun.accepted("j2", "t2", "r1", "wf", T0).progressed(30, "n", "m", T0));
    runStore().finishRun("j1", "completed", T0.plusSeconds(5));
    runStore().finishRun("j2", "failed", T0.plusSeconds(6));
    runStore().finishRun("nobody", "completed", T0);
    assertThat(runStore().run("j1")).contains(run.finished("completed", T0.plusSeconds(5)));
    assertThat(runStore().run("j2").orElseThrow().progress()).isEqualTo(30);
    assertThat(runStore().run("j2").orElseThrow().outcome()).isEqualTo("failed");
    assertThat(runStore().run("nobody")).isEmpty();
    assertThat(runStore().runStats(T0).completed()).isEqualTo(1);
  }

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
