package dev.baton.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.robot.Priority;
import dev.baton.robot.RobotJobStatus;
import dev.baton.robot.RobotStatus;
import dev.baton.server.metrics.EngineMeters;
import dev.baton.server.metrics.Meters;
import dev.baton.store.InMemoryStore;
import dev.baton.testing.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fleet's timing rules on a manual clock, through its message interface (the transport is a
 * list): offers not answered in time, silent robots, lost-job policy, run timeouts, auth.
 */
class FleetTest {
  final ManualClock clock = new ManualClock();
  final InMemoryStore store = new InMemoryStore();

  /** A robot's end of the connection: what it was sent, and how it was closed. */
  static final class Inbox implements RobotLink {
    final List<Envelope> got = new ArrayList<>();
    int closedWith;

    @Override
    public synchronized void send(Envelope message) {
      got.add(message);
    }

    @Override
    public void close(int code, String reason) {
      closedWith = code;
    }

    synchronized List<Envelope> ofType(String type) {
      return got.stream().filter(e -> e.type().equals(type)).toList();
    }
  }

  Fleet fleet(FleetOptions options) {
    Fleet[] holder = new Fleet[1];
    Engine engine =
        Engine.builder(store).clock(clock).workerChannel(t -> holder[0].cancelTask(t)).build();
    holder[0] = new Fleet(store, clock, options).attach(engine);
    return holder[0];
  }

  RobotSession register(Fleet fleet, Inbox inbox, String id) {
    RobotSession s = fleet.connect(inbox);
    fleet.receive(s, Envelope.of("register", Map.of("robot_id", id), null, clock.instant()));
    return s;
  }

  void say(Fleet fleet, RobotSession s, String type, Map<String, Object> payload) {
    fleet.receive(s, Envelope.of(type, payload, null, clock.instant()));
  }

  @Test
  void anOfferNotAnsweredInTimeGoesBackToTheQueue() {
    Fleet fleet = fleet(FleetOptions.DEFAULTS);
    Inbox a = new Inbox();
    RobotSession sa = register(fleet, a, "a");
    Job job = fleet.jobs().submit(RobotJob.of("w", Map.of()), "c", false).job();
    assertThat(fleet.dispatch()).isEqualTo(1);
    assertThat(a.ofType("job_assign")).hasSize(1);
    clock.advance(Duration.ofSeconds(29));
    assertThat(fleet.check()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(fleet.check()).isEqualTo(1);
    assertThat(fleet.jobs().status(store.job(job.id()).orElseThrow()))
        .isEqualTo(RobotJobStatus.QUEUED);
    // The silent robot is not offered the job again during the cooldown; another robot is.
    assertThat(fleet.dispatch()).isZero();
    Inbox b = new Inbox();
    RobotSession sb = register(fleet, b, "b");
    assertThat(fleet.dispatch()).isEqualTo(1);
    say(fleet, sb, "job_accept", Map.of("job_id", job.id()));
    assertThat(fleet.jobs().status(store.job(job.id()).orElseThrow()))
        .isEqualTo(RobotJobStatus.RUNNING);
    assertThat(sa.offers()).isEmpty();
  }

  @Test
  void theWatchdogWakesWhenTheNextOfferRunOrGraceFallsDueNotAWholeIntervalLater() {
    Duration every = Duration.ofSeconds(1);
    Fleet fleet = fleet(FleetOptions.DEFAULTS.withReconnectGrace(Duration.ofSeconds(5)));
    assertThat(fleet.untilNextCheck(every)).isEqualTo(every);
    Inbox a = new Inbox();
    RobotSession s = register(fleet, a, "a");
    Job job =
        fleet.jobs().submit(RobotJob.of("w", Map.of()).withTimeoutSeconds(3), "c", false).job();
    fleet.dispatch();
    clock.advance(Duration.ofMillis(29_700));
    assertThat(fleet.untilNextCheck(every)).isEqualTo(Duration.ofMillis(300));
    say(fleet, s, "job_accept", Map.of("job_id", job.id()));
    clock.advance(Duration.ofMillis(2_600));
    assertThat(fleet.untilNextCheck(every)).isEqualTo(Duration.ofMillis(400));
    // Past due and not yet acted on: a short wait, not a spin.
    clock.advance(Duration.ofSeconds(1));
    assertThat(fleet.untilNextCheck(every)).isEqualTo(Duration.ofMillis(10));
    assertThat(fleet.check()).isEqualTo(1);
    assertThat(fleet.untilNextCheck(every)).isEqualTo(every);

    // A dropped robot's run is kept for its grace; the watchdog wakes when that ends.
    Job held = fleet.jobs().submit(RobotJob.of("w2", Map.of()), "c", false).job();
    fleet.dispatch();
    say(fleet, s, "job_accept", Map.of("job_id", held.id()));
    fleet.disconnected(s);
    clock.advance(Duration.ofMillis(4_250));
    assertThat(fleet.untilNextCheck(every)).isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void aResultTheEngineRefusesIsNotCountedForAffinity() {
    // The engine does not tell this fleet of the cancel, so the robot still holds the job and its
    // result reaches the engine, which refuses it.
    Engine engine = Engine.builder(store).clock(clock).workerChannel(t -> {}).build();
    Fleet fleet = new Fleet(store, clock, FleetOptions.DEFAULTS).attach(engine);
    Inbox a = new Inbox();
    RobotSession s = register(fleet, a, "a");
    Job done = fleet.jobs().submit(RobotJob.of("w", Map.of()), "c", false).job();
    Job cancelled = fleet.jobs().submit(RobotJob.of("w", Map.of("n", 2)), "c", false).job();
    assertThat(fleet.dispatch()).isEqualTo(1);
    say(fleet, s, "job_accept", Map.of("job_id", done.id()));
    say(fleet, s, "job_complete", Map.of("job_id", done.id()));
    assertThat(fleet.dispatch()).isEqualTo(1);
    say(fleet, s, "job_accept", Map.of("job_id", cancelled.id()));
    engine.cancel(cancelled.id());
    say(fleet, s, "job_complete", Map.of("job_id", cancelled.id()));
    assertThat(a.ofType("error")).hasSize(1);
    assertThat(store.successes("w")).containsExactly(Map.entry("a", 1L));
  }

  @Test
  void aRobotsTaskIsCountedAsDispatchedAndItsRunTimedLikeAWorkersTask() {
    Fleet[] holder = new Fleet[1];
    Engine engine =
        Engine.builder(store).clock(clock).workerChannel(t -> holder[0].cancelTask(t)).build();
    try (Meters meters = Meters.create()) {
      EngineMeters.bind(engine, meters);
      Fleet fleet = new Fleet(store, clock, FleetOptions.DEFAULTS).attach(engine);
      holder[0] = fleet;
      RobotSession s = register(fleet, new Inbox(), "a");
      Job job = fleet.jobs().submit(RobotJob.of("w", Map.of()), "c", false).job();
      clock.advance(Duration.ofSeconds(3));
      assertThat(fleet.dispatch()).isEqualTo(1);
      say(fleet, s, "job_accept", Map.of("job_id", job.id()));
      clock.advance(Duration.ofSeconds(7));
      say(fleet, s, "job_complete", Map.of("job_id", job.id()));

      MeterRegistry r = meters.registry();
      assertThat(r.get("baton.tasks.dispatched").counter().count()).isEqualTo(1);
      assertThat(r.get("baton.task.queue.wait").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(3);
      Timer run = r.get("baton.task.run").timer();
      assertThat(run.count()).isEqualTo(1);
      assertThat(run.totalTime(TimeUnit.SECONDS)).isEqualTo(7);
    }
  }

  @Test
  void aSilentRobotGoesOfflineAndItsJobsFailWhenThePolicySaysSo() {
    Fleet fleet = fleet(FleetOptions.DEFAULTS.withRequeueLostJobs(false));
    Inbox a = new Inbox();
    RobotSession s = register(fleet, a, "a");
    Job job = fleet.jobs().submit(RobotJob.of("w", Map.of()), "c", false).job();
    fleet.dispatch();
    say(fleet, s, "job_accept", Map.of("job_id", job.id()));
    clock.advance(Duration.ofSeconds(30));
    say(fleet, s, "heartbeat", Map.of("robot_id", "a", "cpu_percent", 5.0));
    clock.advance(Duration.ofSeconds(60));
    assertThat(fleet.check()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(fleet.check()).isEqualTo(1);
    assertThat(a.closedWith).isEqualTo(1001);
    assertThat(fleet.robot("a").orElseThrow().status()).isEqualTo(RobotStatus.OFFLINE);
    assertThat(fleet.robot("a").orElseThrow().metrics()).containsEntry("cpu_percent", 5.0);
    Job failed = store.job(job.id()).orElseThrow();
    assertThat(fleet.jobs().status(failed)).isEqualTo(RobotJobStatus.FAILED);
    assertThat(failed.errorMessage()).contains("robot a lost");
  }

  @Test
  void aRunPastItsTimeoutIsMarkedTimeoutAndTheRobotToldToCancel() {
    Fleet fleet = fleet(FleetOptions.DEFAULTS);
    Inbox a = new Inbox();
    RobotSession s = register(fleet, a, "a");
    Job job =
        fleet.jobs().submit(RobotJob.of("w", Map.of()).withTimeoutSeconds(90), "c", false).job();
    fleet.dispatch();
    clock.advance(Duration.ofSeconds(20)); // waiting for the accept does not count
    say(fleet, s, "job_accept", Map.of("job_id", job.id()));
    clock.advance(Duration.ofSeconds(89));
    say(fleet, s, "heartbeat", Map.of("robot_id", "a"));
    assertThat(fleet.check()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(fleet.check()).isEqualTo(1);
    assertThat(a.ofType("job_cancel")).hasSize(1);
    assertThat(a.ofType("job_cancel").get(0).payload()).containsEntry("job_id", job.id());
    Job timedOut = store.job(job.id()).orElseThrow();
    assertThat(fleet.jobs().status(timedOut)).isEqualTo(RobotJobStatus.TIMEOUT);
    assertThat(fleet.jobs().view(timedOut)).containsEntry("duration_ms", 90_000L);
    // A late result is refused with the transition table's words.
    say(fleet, s, "job_complete", Map.of("job_id", job.id()));
    assertThat(a.ofType("error").get(0).payload().get("error_message"))
        .isEqualTo("job cannot go from timeout to completed; from timeout it may go to pending");
  }

  @Test
  void aFailedRunIsRetriedAfterABackoffWhenTheJobAllowsRetries() {
    Fleet fleet = fleet(FleetOptions.DEFAULTS);
    Inbox a = new Inbox();
    RobotSession s = register(fleet, a, "a");
    RobotJob once = RobotJob.of("w", Map.of());
    RobotJob retried =
        new RobotJob(
            once.workflowId(),
            null,
            null,
            Map.of(),
            1,
            null,
            null,
            List.of(),
            List.of(),
            RobotJob.DEFAULT_TASK_TYPE,
            3600,
            1,
            null);
    Job job = fleet.jobs().submit(retried, "c", false).job();
    fleet.dispatch();
    say(fleet, s, "job_accept", Map.of("job_id", job.id()));
    say(fleet, s, "job_failed", Map.of("job_id", job.id(), "error_message", "popup"));
    assertThat(fleet.jobs().status(store.job(job.id()).orElseThrow()))
        .isEqualTo(RobotJobStatus.QUEUED);
    assertThat(fleet.dispatch()).isZero(); // the backoff: RetryPolicy's first delay, 0.8 to 1 s
    clock.advance(Duration.ofSeconds(1));
    assertThat(fleet.dispatch()).isEqualTo(1);
    say(fleet, s, "job_accept", Map.of("job_id", job.id()));
    say(fleet, s, "job_failed", Map.of("job_id", job.id(), "error_message", "popup again"));
    Job failed = store.job(job.id()).orElseThrow();
    assertThat(fleet.jobs().status(failed)).isEqualTo(RobotJobStatus.FAILED);
    assertThat(failed.errorMessage()).contains("popup again");
    assertThat(a.ofType("job_assign")).hasSize(2);
  }

  @Test
  void aWrongTokenIsRefusedWith4001() {
    Fleet fleet = fleet(FleetOptions.DEFAULTS.withAuthToken("s3cret"));
    Inbox a = new Inbox();
    RobotSession s = fleet.connect(a);
    fleet.receive(
        s,
        Envelope.of(
            "register", Map.of("robot_id", "a", "auth_token", "guess"), "x", clock.instant()));
    Envelope ack = a.ofType("register_ack").get(0);
    assertThat(ack.payload()).containsEntry("success", false);
    assertThat(ack.payload()).containsEntry("message", "Authentication failed");
    assertThat(a.closedWith).isEqualTo(4001);
    assertThat(fleet.robots()).isEmpty();
    Inbox b = new Inbox();
    RobotSession sb = fleet.connect(b);
    Envelope register =
        Envelope.of(
            "register", Map.of("robot_id", "b", "auth_token", "s3cret"), null, clock.instant());
    fleet.receive(sb, register);
    Envelope ok = b.ofType("register_ack").get(0);
    assertThat(ok.payload()).containsEntry("success", true);
    assertThat(ok.correlationId()).isEqualTo(register.id());
  }

  @Test
  void aMessageBeforeRegisterIsAnError() {
    Fleet fleet = fleet(FleetOptions.DEFAULTS);
    Inbox a = new Inbox();
    RobotSession s = fleet.connect(a);
    say(fleet, s, "heartbeat", Map.of());
    assertThat(a.ofType("error").get(0).payload()).containsEntry("error_code", "NOT_REGISTERED");
  }

  @Test
  void theSpecsTransitionTableRefusesWithWhatWasExpected() {
    assertThat(RobotJobStatus.PENDING.allows(RobotJobStatus.QUEUED)).isTrue();
    assertThat(RobotJobStatus.QUEUED.allows(RobotJobStatus.RUNNING)).isTrue();
    assertThat(RobotJobStatus.COMPLETED.allows(RobotJobStatus.PENDING)).isFalse();
    assertThatThrownBy(() -> RobotJobStatus.PENDING.check(RobotJobStatus.RUNNING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "job cannot go from pending to running; from pending it may go to queued, cancelled");
    assertThatThrownBy(() -> RobotJobStatus.COMPLETED.check(RobotJobStatus.FAILED))
        .hasMessageEndingWith("it may go to nothing (terminal)");
  }

  @Test
  void prioritiesAreNamesOrNumbers() {
    assertThat(Priority.parse("critical")).isEqualTo(3);
    assertThat(Priority.parse("LOW")).isZero();
    assertThat(Priority.parse(7L)).isEqualTo(7);
    assertThatThrownBy(() -> Priority.parse("urgent"))
        .hasMessageContaining("LOW, NORMAL, HIGH, CRITICAL");
    assertThatThrownBy(() -> Priority.parse(1.5)).isInstanceOf(IllegalArgumentException.class);
  }
}
