package dev.baton.fleet;

import dev.baton.engine.BatonException;
import dev.baton.job.ErrorCode;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.robot.FleetStore;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotRun;
import dev.baton.robot.RobotStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a job passes between a robot and the engine: accepted (its run starts), refused or not
 * answered (back to the queue), ended (the engine completes the task with the usual fencing, and
 * the run is recorded), cancelled by the engine (the robot is told), or lost with the robot
 * (re-queued or failed, by policy). Every hand-over wakes the dispatcher, since room was freed.
 */
final class Handovers {
  private static final Logger log = LoggerFactory.getLogger(Handovers.class);

  private final Attached at;
  private final Sessions sessions;
  private final Runnable wake;
  private final AtomicBoolean stopped = new AtomicBoolean();

  Handovers(Attached at, Sessions sessions, Runnable wake) {
    this.at = at;
    this.sessions = sessions;
    this.wake = wake;
  }

  /**
   * The fleet is shutting down: the sockets it closes then do not hand back their jobs. They stay
   * leased, and a robot that reconnects to the next start keeps them (its heartbeat names them);
   * one that does not loses them when the lease runs out.
   */
  void stop() {
    stopped.set(true);
  }

  boolean stopped() {
    return stopped.get();
  }

  /** The robot accepted an offer: the job runs from now, and its timeout counts from now. */
  void accepted(RobotSession s, RobotSession.Assignment a) {
    RobotSession.Assignment run = s.accept(a, at.now());
    at.store()
        .putRun(
            RobotRun.accepted(
                a.jobId(),
                a.taskId(),
                Objects.requireNonNull(s.robotId()),
                a.workflowId(),
                Objects.requireNonNull(run.acceptedAt())));
  }

  /** The robot refused an offer (or did not answer in time): the task goes back to the queue. */
  void refused(RobotSession s, RobotSession.Assignment a, String reason) {
    s.refuse(a.jobId(), at.now().plus(at.options().rejectCooldown()));
    giveBack(s, a, reason);
    wake.run();
  }

  /**
   * The robot reported the end of a run; the engine's refusal, if any, is thrown.
   *
   * @param traceparent the robot's trace context sent with the result, or null
   */
  void ended(
      RobotSession s,
      RobotSession.Assignment a,
      TaskResult result,
      String outcome,
      @Nullable String traceparent) {
    s.forget(a.jobId());
    // The run's end is recorded first (as before, whether or not the engine takes the result), so
    // that a job seen completed already shows its run's end (progress 100) too.
    finishRun(a.jobId(), outcome);
    if (a.workflowId() != null) {
      at.store()
          .countOutcome(
              Objects.requireNonNull(s.robotId()), a.workflowId(), "completed".equals(outcome));
    }
    try {
      at.engine().complete(a.taskId(), s.robotId(), result, traceparent);
    } finally {
      wake.run();
    }
  }

  /** The run went past its timeout: the robot is told to stop, the job is marked timed out. */
  void timedOut(RobotSession s, RobotSession.Assignment a) {
    s.send(
        Envelope.of(
            "job_cancel",
            Map.of("job_id", a.jobId(), "reason", "timeout after " + a.timeoutSeconds() + " s"),
            null,
            at.now()));
    try {
      ended(s, a, TaskResult.failure(TaskError.timeout()), "timeout", null);
    } catch (BatonException e) {
      log.debug("timeout of job {} not applied: {}", a.jobId(), e.getMessage());
    }
  }

  /** The engine cancelled a task (job cancelled, or its deadline passed): tell the robot. */
  void cancelled(Task task) {
    String robotId = task.workerId();
    RobotSession s = robotId == null ? null : sessions.of(robotId);
    if (s == null) {
      return;
    }
    RobotSession.Assignment a = s.assignment(task.jobId());
    if (a == null || !a.taskId().equals(task.id())) {
      return;
    }
    s.forget(task.jobId());
    s.send(
        Envelope.of(
            "job_cancel", Map.of("job_id", task.jobId(), "reason", "cancelled"), null, at.now()));
    finishRun(task.jobId(), "cancelled");
    wake.run();
  }

  /** The robot is gone: offline in the registry, its jobs re-queued or failed by policy. */
  void lose(RobotSession s, String reason) {
    if (stopped.get()) {
      return;
    }
    if (!sessions.remove(s)) {
      return; // never registered, or replaced by a newer connection that took its jobs
    }
    Robot r = s.registered();
    List<RobotSession.Assignment> held = s.dropAll();
    for (RobotSession.Assignment a : held) {
      if (at.options().requeueLostJobs()) {
        giveBack(s, a, reason);
        finishRunQuietly(a.jobId());
      } else {
        fail(r, a, reason);
      }
    }
    FleetStore store = at.store();
    store
        .robot(r.id())
        .ifPresent(
            stored -> store.putRobot(stored.withStatus(RobotStatus.OFFLINE).withCurrentJobs(0)));
    try {
      at.engine().heartbeat(r.id(), Map.of("status", "offline", "current_jobs", 0));
    } catch (BatonException e) {
      log.debug("robot {} unknown to the engine: {}", r.id(), e.getMessage());
    }
    log.info(
        "robot {} is offline ({}); {} job(s) {}",
        r.id(),
        reason,
        held.size(),
        at.options().requeueLostJobs() ? "re-queued" : "failed");
    wake.run();
  }

  private void fail(Robot r, RobotSession.Assignment a, String reason) {
    try {
      at.engine()
          .complete(
              a.taskId(),
              r.id(),
              TaskResult.failure(
                  new TaskError(
                      ErrorCode.PERMANENT_ERROR, "robot " + r.id() + " lost: " + reason)));
    } catch (BatonException e) {
      log.debug("job {} of lost robot {}: {}", a.jobId(), r.id(), e.getMessage());
    }
    finishRun(a.jobId(), "failed");
  }

  private void giveBack(RobotSession s, RobotSession.Assignment a, String reason) {
    try {
      at.engine().release(a.taskId(), s.robotId(), reason);
    } catch (BatonException e) {
      log.debug("task {} of job {} not given back: {}", a.taskId(), a.jobId(), e.getMessage());
    }
  }

  private void finishRun(String jobId, String outcome) {
    at.store().run(jobId).ifPresent(r -> at.store().putRun(r.finished(outcome, at.now())));
  }

  /** A re-queued job's old run is over; a new one starts when a robot accepts it. */
  private void finishRunQuietly(String jobId) {
    at.store()
        .run(jobId)
        .filter(run -> run.outcome() == null)
        .ifPresent(run -> at.store().putRun(run.finished("requeued", at.now())));
  }
}
