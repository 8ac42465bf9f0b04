package dev.baton.robot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.TaskStatus;
import dev.baton.store.Change;
import dev.baton.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FleetStore} must do, including the queue order the fleet relies on (priority,
 * then FIFO). Robot jobs over each store (de-duplication and idempotency keys on a real engine) are
 * checked by baton-robots' {@code RobotJobsContract}, where the fleet lives. Subclass it per store;
 * {@link #newStore()} returns an empty store that is also a FleetStore.
 */
public abstract class FleetStoreContract {
  protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  protected Store store;
  protected FleetStore fleet;

  protected abstract Store newStore();

  @BeforeEach
  void open() {
    store = newStore();
    fleet = (FleetStore) store;
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ---- registry

  @Test
  void aRobotComesBackEqualAndIsReplaced() {
    Robot r = robot("r1", T0);
    fleet.putRobot(r);
    assertThat(fleet.robot("r1")).contains(r);
    Robot busy = r.withCurrentJobs(2).withStatus(RobotStatus.BUSY).withDrained(true);
    fleet.putRobot(busy);
    assertThat(fleet.robot("r1")).contains(busy);
    assertThat(fleet.robot("nope")).isEmpty();
  }

  @Test
  void robotsAreListedInTheOrderTheyRegistered() {
    fleet.putRobot(robot("b", T0.plusSeconds(2)));
    fleet.putRobot(robot("a", T0.plusSeconds(3)));
    fleet.putRobot(robot("c", T0.plusSeconds(1)));
    assertThat(fleet.robots()).extracting(Robot::id).containsExactly("c", "b", "a");
  }

  // ---- keys

  @Test
  void aKeyHasOneOwnerUntilItExpires() {
    assertThat(fleet.claimKey("k", "job-1", T0, T0.plusSeconds(300))).isEmpty();
    assertThat(fleet.claimKey("k", "job-2", T0.plusSeconds(299), null)).contains("job-1");
    assertThat(fleet.claimKey("k", "job-3", T0.plusSeconds(300), null)).isEmpty();
    assertThat(fleet.claimKey("k", "job-4", T0.plusSeconds(100_000), null)).contains("job-3");
  }

  @Test
  void aKeyMovesAndIsReleasedOnlyByItsOwner() {
    fleet.claimKey("k", "pending", T0, null);
    fleet.moveKey("k", "someone-else", "job-x");
    assertThat(fleet.claimKey("k", "probe", T0, null)).contains("pending");
    fleet.moveKey("k", "pending", "job-1");
    assertThat(fleet.claimKey("k", "probe", T0, null)).contains("job-1");
    fleet.releaseKey("k", "someone-else");
    assertThat(fleet.claimKey("k", "probe", T0, null)).contains("job-1");
    fleet.releaseKey("k", "job-1");
    assertThat(fleet.claimKey("k", "job-2", T0, null)).isEmpty();
  }

  // ---- runs, logs, affinity

  @Test
  void aRunIsReplacedAndCountedWhenItEnds() {
    RobotRun run = RobotRun.accepted("j1", "t1", "r1", "wf", T0);
    fleet.putRun(run);
    assertThat(fleet.run("j1")).contains(run);
    RobotRun progressed = run.progressed(40, "node-3", "halfway", T0.plusSeconds(1));
    fleet.putRun(progressed);
    assertThat(fleet.run("j1")).contains(progressed);
    fleet.putRun(progressed.finished("completed", T0.plusSeconds(4)));
    fleet.putRun(
        RobotRun.accepted("j2", "t2", "r1", "wf", T0).finished("completed", T0.plusSeconds(2)));
    fleet.putRun(
        RobotRun.accepted("j3", "t3", "r2", "wf", T0).finished("failed", T0.plusSeconds(1)));
    fleet.putRun(
        RobotRun.accepted("j4", "t4", "r2", "wf", T0).finished("timeout", T0.plusSeconds(9)));
    fleet.putRun(RobotRun.accepted("j5", "t5", "r2", "wf", T0));
    RunStats stats = fleet.runStats(T0);
    assertThat(stats.completed()).isEqualTo(2);
    assertThat(stats.failed()).isEqualTo(2);
    assertThat(stats.averageDurationMs()).isEqualTo(3000.0);
    assertThat(fleet.runStats(T0.plusSeconds(3)).completed()).isEqualTo(1);
    assertThat(fleet.run("j1").orElseThrow().progress()).isEqualTo(100);
  }

  @Test
  void successesAreCountedPerWorkflowAndRobot() {
    fleet.countOutcome("r1", "wf", true);
    fleet.countOutcome("r1", "wf", true);
    fleet.countOutcome("r2", "wf", true);
    fleet.countOutcome("r2", "wf", false);
    fleet.countOutcome("r3", "other", true);
    assertThat(fleet.successes("wf")).isEqualTo(Map.of("r1", 2L, "r2", 1L));
    assertThat(fleet.successes("none")).isEmpty();
  }

  @Test
  void logsComeBackInOrderWithOffsets() {
    fleet.appendLogs(
        List.of(log("j1", 0, "start"), log("j2", 1, "other"), log("j1", 2, "middle ✓")));
    fleet.appendLogs(List.of(log("j1", 3, "end")));
    assertThat(fleet.logs("j1", 0, 10))
        .extracting(JobLog::message)
        .containsExactly("start", "middle ✓", "end");
    assertThat(fleet.logs("j1", 1, 1)).extracting(JobLog::message).containsExactly("middle ✓");
    JobLog first = fleet.logs("j1", 0, 1).get(0);
    assertThat(first).isEqualTo(log("j1", 0, "start"));
  }

  // ---- the queue

  @Test
  void theQueueIsHighestPriorityFirstThenOldest() {
    insertJob("j");
    Change.Builder c = Change.builder();
    c.insertTask(task("low-old", 0, T0));
    c.insertTask(task("crit", 3, T0.plusSeconds(5)));
    c.insertTask(task("normal-2", 1, T0.plusSeconds(2)));
    c.insertTask(task("normal-1", 1, T0.plusSeconds(1)));
    c.insertTask(task("high", 2, T0.plusSeconds(9)));
    c.insertTask(task("later", 3, T0.plusSeconds(60)));
    assertThat(store.commit(c.build())).isTrue();
    assertThat(fleet.queuedTasks(Set.of("rpa"), T0.plusSeconds(10), 10))
        .extracting(Task::id)
        .containsExactly("crit", "high", "normal-1", "normal-2", "low-old");
    assertThat(fleet.queuedTasks(Set.of("rpa"), T0.plusSeconds(10), 2))
        .extracting(Task::id)
        .containsExactly("crit", "high");
    assertThat(fleet.queuedTasks(Set.of("other"), T0.plusSeconds(10), 10)).isEmpty();
  }

  @Test
  void aTaskIsClaimedOnceAndOnlyByItsAssignedWorker() {
    insertJob("j");
    Task pinned = new Task("p", "j", spec(1), 1, TaskStatus.QUEUED, "r2", null, T0, null, T0);
    assertThat(
            store.commit(Change.builder().insertTask(task("t", 1, T0)).insertTask(pinned).build()))
        .isTrue();
    Task got = fleet.claimTask("t", "r1", T0.plusSeconds(30)).orElseThrow();
    assertThat(got.status()).isEqualTo(TaskStatus.LEASED);
    assertThat(got.workerId()).isEqualTo("r1");
    assertThat(fleet.claimTask("t", "r2", T0.plusSeconds(30))).isEmpty();
    assertThat(fleet.claimTask("p", "r1", T0.plusSeconds(30))).isEmpty();
    assertThat(fleet.claimTask("p", "r2", T0.plusSeconds(30))).isPresent();
    assertThat(fleet.queuedTasks(Set.of("rpa"), T0, 10)).isEmpty();
    assertThat(store.task("t").orElseThrow().status()).isEqualTo(TaskStatus.LEASED);
  }

  @Test
  void manyTasksAreClaimedAtOnceSkippingTakenOnes() {
    insertJob("j");
    assertThat(
            store.commit(
                Change.builder()
                    .insertTask(task("a", 1, T0))
                    .insertTask(task("b", 1, T0))
                    .insertTask(task("c", 1, T0))
                    .build()))
        .isTrue();
    fleet.claimTask("b", "r9", T0.plusSeconds(30));
    Map<String, String> claims = new java.util.LinkedHashMap<>();
    claims.put("a", "r1");
    claims.put("b", "r2");
    claims.put("c", "r2");
    claims.put("missing", "r2");
    List<Task> got = fleet.claimTasks(claims, T0.plusSeconds(30));
    assertThat(got).extracting(Task::id).containsExactlyInAnyOrder("a", "c");
    assertThat(store.task("c").orElseThrow().workerId()).isEqualTo("r2");
    assertThat(store.task("b").orElseThrow().workerId()).isEqualTo("r9");
  }

  @Test
  void leasedTasksAreCountedPerType() {
    insertJob("j");
    Change.Builder c = Change.builder();
    for (int i = 0; i < 3; i++) {
      c.insertTask(task("a" + i, 1, T0));
    }
    Task other =
        new Task(
            "x",
            "j",
            TaskSpec.of("excel", Map.of()),
            1,
            TaskStatus.QUEUED,
            null,
            null,
            T0,
            null,
            T0);
    c.insertTask(other);
    assertThat(store.commit(c.build())).isTrue();
    assertThat(fleet.leasedCounts(Set.of("rpa", "excel"))).isEmpty();
    fleet.claimTask("a0", "r1", T0.plusSeconds(30));
    fleet.claimTask("a1", "r2", T0.plusSeconds(30));
    fleet.claimTask("x", "r2", T0.plusSeconds(30));
    assertThat(fleet.leasedCounts(Set.of("rpa", "excel")))
        .isEqualTo(Map.of("rpa", 2L, "excel", 1L));
    assertThat(fleet.leasedCounts(Set.of("rpa"))).isEqualTo(Map.of("rpa", 2L));
  }

  private void insertJob(String id) {
    Job job =
        new Job(
            id,
            "bp",
            1,
            "start",
            JobStatus.PENDING,
            Map.of(),
            Map.of(),
            0,
            0,
            T0,
            T0,
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            Map.of(),
            1);
    assertThat(store.commit(Change.builder().insertJob(job).build())).isTrue();
  }

  private static TaskSpec spec(int priority) {
    return TaskSpec.of("rpa", Map.of("n", 1L)).withPriority(priority);
  }

  private static Task task(String id, int priority, Instant visibleAt) {
    return new Task(
        id, "j", spec(priority), 1, TaskStatus.QUEUED, null, null, visibleAt, null, visibleAt);
  }

  private static JobLog log(String jobId, int second, String message) {
    return new JobLog(
        jobId, "r1", T0.plusSeconds(second), "INFO", message, "node-" + second, Map.of("k", "v"));
  }

  protected static Robot robot(String id, Instant registered) {
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
