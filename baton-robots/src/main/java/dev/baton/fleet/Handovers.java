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
import java.time.Instant;
import java.util.ArrayList;
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
    giveBack(s.robotId(), a, reason);
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
    try {
      at.engine().complete(a.taskId(), s.robotId(), result, traceparent);
    } finally {
      wake.run();
    }
    // Counted once the engine took the result: one it refused (the job was cancelled, or its lease
    // went elsewhere, meanwhile) says nothing of how the robot does with the workflow, and would
    // tilt the affinity strategy towards it.
    if (a.workflowId() != null) {
      at.store()
          .countOutcome(
              Objects.requireNonNull(s.robotId()), a.workflowId(), "completed".equals(outcome));
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
    detach(s, reason, false);
  }

  /**
   * The robot's connection dropped without a goodbye: offline in the registry, its offers re-queued
   * or failed by policy, and its runs, which it may still be running, left leased to it and
   * returned, for {@link Reconnects} to keep until it comes back or its grace ends.
   */
  List<RobotSession.Assignment> drop(RobotSession s, String reason) {
    return detach(s, reason, true);
  }

  private List<RobotSession.Assignment> detach(RobotSession s, String reason, boolean keepRuns) {
    if (stopped.get()) {
      return List.of();
    }
    if (!sessions.remove(s)) {
      return List.of(); // never registered, or replaced by a newer connection that took its jobs
    }
    Robot r = s.registered();
    List<RobotSession.Assignment> kept = new ArrayList<>();
    List<RobotSession.Assignment> held = s.dropAll();
    for (RobotSession.Assignment a : held) {
      if (keepRuns && a.acceptedAt() != null) {
        kept.add(a);
      } else {
        handBack(r, a, reason);
      }
    }
    markOffline(s, r);
    log.info(
        "robot {} is offline ({}); {} job(s) {}{}",
        r.id(),
        reason,
        held.size() - kept.size(),
        at.options().requeueLostJobs() ? "re-queued" : "failed",
        kept.isEmpty() ? "" : ", " + kept.size() + " kept for its reconnect");
    wake.run();
    return kept;
  }

  /** A job of a lost robot: re-queued or failed, by policy. */
  void handBack(Robot r, RobotSession.Assignment a, String reason) {
    if (at.options().requeueLostJobs()) {
      // The run ends before the task goes back: once queued, another robot (on any node) may
      // accept it at once and store its own run under the job's id, which ending the old run
      // afterwards would overwrite with this robot's.
      finishRunQuietly(a.jobId());
      giveBack(r.id(), a, reason);
    } else {
      fail(r, a, reason);
    }
  }

  /**
   * Offline in the registry and to the engine, unless the robot was heard since on another
   * connection (it reconnected to another node before this one saw the old socket close).
   */
  private void markOffline(RobotSession s, Robot r) {
    FleetStore store = at.store();
    Robot stored = store.robot(r.id()).orElse(null);
    Instant heard = stored == null ? null : stored.lastHeartbeat();
    if (heard != null && heard.isAfter(s.lastHeard())) {
      return;
    }
    if (stored != null) {
      store.putRobot(stored.withStatus(RobotStatus.OFFLINE).withCurrentJobs(0));
    }
    try {
      at.engine().heartbeat(r.id(), Map.of("status", "offline", "current_jobs", 0));
    } catch (BatonException e) {
      log.debug("robot {} unknown to the engine: {}", r.id(), e.getMessage());
    }
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

  private void giveBack(@Nullable String robotId, RobotSession.Assignment a, String reason) {
    try {
      at.engine().release(a.taskId(), robotId, reason);
    } catch (BatonException e) {
      log.debug("task {} of job {} not given back: {}", a.taskId(), a.jobId(), e.getMessage());
    }
  }

  private void finishRun(String jobId, String outcome) {
    at.store().finishRun(jobId, outcome, at.now());
  }

  /** A re-queued job's old run is over; a new one starts when a robot accepts it. */
  private void finishRunQuietly(String jobId) {
    at.store()
        .run(jobId)
        .filter(run -> run.outcome() == null)
        .ifPresent(run -> at.store().putRun(run.finished("requeued", at.now())));
  }
}
