package dev.baton.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.robot.FleetStore;
import dev.baton.robot.Priority;
import dev.baton.robot.RobotJobStatus;
import dev.baton.store.Store;
import dev.baton.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Robot jobs on a real engine over each store: de-duplication within the window, idempotency keys
 * kept a day, and the queue order the dispatcher relies on (priority, then FIFO). Moved here from
 * the core's {@code FleetStoreContract} with the fleet; subclass it per store.
 */
public abstract class RobotJobsContract {
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

  @Test
  void aDuplicateWithinTheWindowIsRefusedAndARetryBypassesIt() {
    ManualClock clock = new ManualClock(T0);
    RobotJobs jobs = robotJobs(clock);
    RobotJob job = RobotJob.of("invoice", Map.of("month", "11", "year", 2030L));
    Job first = jobs.submit(job, "acme", false).job();
    clock.advance(Duration.ofSeconds(299));
    assertThatThrownBy(() ->
            jobs.submit(
                RobotJob.of("invoice", Map.of("year", 2030L, "month", "11")), "acme", false))
        .isInstanceOf(BatonException.class)
        .hasMessageContaining("Duplicate job detected within deduplication window")
        .hasMessageContaining(first.id());
    assertThat(jobs.submit(job.pinnedTo("r1"), "acme", false).created()).isTrue();
    assertThat(jobs.submit(RobotJob.of("invoice", Map.of("month", "12")), "acme", false).created())
        .isTrue();
    assertThat(jobs.submit(job, "acme", true).created()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    Job later = jobs.submit(job, "acme", false).job();
    assertThat(later.id()).isNotEqualTo(first.id());
  }

  @Test
  void anIdempotencyKeyReturnsTheOriginalJob() {
    ManualClock clock = new ManualClock(T0);
    RobotJobs jobs = robotJobs(clock);
    RobotJob job = RobotJob.of("invoice", Map.of()).withIdempotencyKey("req-42");
    RobotJobs.Submitted first = jobs.submit(job, "acme", false);
    clock.advance(Duration.ofHours(2));
    RobotJobs.Submitted again = jobs.submit(job, "acme", false);
    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo(first.job().id());
    assertThat(jobs.submit(job, "other-client", false).job().id()).isNotEqualTo(first.job().id());
    clock.advance(Duration.ofHours(22));
    assertThat(jobs.submit(job, "acme", false).created()).isTrue(); // kept a day
  }

  @Test
  void aRetryAfterACrashBetweenTakingTheKeyAndCreatingTheJobMakesTheJobOnce() {
    ManualClock clock = new ManualClock(T0);
    RobotJobs jobs = robotJobs(clock);
    // The first try took the key for its job's id and died before creating the job.
    String firstTry = "6f1c2b4e-0000-4000-8000-000000000001";
    assertThat(fleet.claimKey("idem:acme:req-7", firstTry, T0, T0.plus(Duration.ofDays(1))))
        .isEmpty();
    RobotJob job = RobotJob.of("invoice", Map.of()).withIdempotencyKey("req-7");
    RobotJobs.Submitted retry = jobs.submit(job, "acme", false);
    assertThat(retry.created()).isTrue();
    assertThat(retry.job().id()).isEqualTo(firstTry);
    RobotJobs.Submitted again = jobs.submit(job, "acme", false);
    assertThat(again.created()).isFalse();
    assertThat(again.job().id()).isEqualTo(firstTry);
  }

  @Test
  void jobsArePrioritisedAndCountedPerDay() {
    ManualClock clock = new ManualClock(T0);
    RobotJobs jobs = robotJobs(clock);
    Job low =
        jobs.submit(RobotJob.of("a", Map.of()).withPriority(Priority.LOW.level()), "c", false)
            .job();
    Job crit =
        jobs.submit(RobotJob.of("b", Map.of()).withPriority(Priority.CRITICAL.level()), "c", false)
            .job();
    clock.advance(Duration.ofSeconds(1));
    Job normal = jobs.submit(RobotJob.of("c", Map.of()), "c", false).job();
    Job crit2 =
        jobs.submit(RobotJob.of("d", Map.of()).withPriority(Priority.CRITICAL.level()), "c", false)
            .job();
    assertThat(fleet.queuedTasks(Set.of("rpa"), clock.instant(), 10))
        .extracting(Task::jobId)
        .containsExactly(crit.id(), crit2.id(), normal.id(), low.id());
    assertThat(low.status()).isEqualTo(JobStatus.WAITING_FOR_WORKER);
    assertThat(jobs.status(low)).isEqualTo(RobotJobStatus.QUEUED);
    assertThat(fleet.jobsCreatedSince(RobotJobs.BLUEPRINT, T0)).isEqualTo(4);
    assertThat(fleet.jobsCreatedSince(RobotJobs.BLUEPRINT, T0.plusMillis(1))).isEqualTo(2);
  }

  private RobotJobs robotJobs(ManualClock clock) {
    Engine engine = Engine.builder(store).clock(clock).build();
    engine.register(RobotJobs.blueprint(FleetOptions.DEFAULTS));
    return new RobotJobs(engine, fleet, fleet, FleetOptions.DEFAULTS);
  }
}
