package dev.baton.fleet;

import dev.baton.job.Task;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotStatus;
import dev.baton.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One robot's connection as the fleet sees it: who it is once registered, the jobs offered to it
 * and not yet answered ({@link #offers()}), the jobs it runs ({@link #runs()}) and the jobs it
 * refused lately. Only the dispatcher adds offers; messages move or remove them, so a stale read of
 * the count only ever underestimates the room left.
 */
public final class RobotSession {
  private final RobotLink link;
  private volatile @Nullable Robot robot;
  private volatile Instant lastHeard;
  private volatile boolean paused;
  private volatile boolean closed;
  private final Map<String, Assignment> offered = new ConcurrentHashMap<>();
  private final Map<String, Assignment> running = new ConcurrentHashMap<>();
  private final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();

  /** Offers decided in the dispatcher's current round, not yet claimed (dispatcher only). */
  private volatile int planned;

  RobotSession(RobotLink link, Instant now) {
    this.link = link;
    this.lastHeard = now;
  }

  /** A job offered to or run by the robot. */
  record Assignment(
      String jobId,
      String taskId,
      @Nullable String workflowId,
      int timeoutSeconds,
      Instant sentAt,
      @Nullable Instant acceptedAt) {
    /**
     * The assignment of a robot job's task: its timeout the job's {@code timeout_seconds}, else the
     * fleet's default.
     */
    static Assignment of(
        Task t, FleetOptions options, Instant sentAt, @Nullable Instant acceptedAt) {
      Map<String, Object> params = t.spec().params();
      int timeout =
          params.get("timeout_seconds") instanceof Number n
              ? n.intValue()
              : (int) options.defaultJobTimeout().toSeconds();
      String workflowId = params.get("workflow_id") instanceof String w ? w : null;
      return new Assignment(t.jobId(), t.id(), workflowId, timeout, sentAt, acceptedAt);
    }

    Assignment accepted(Instant at) {
      return new Assignment(jobId, taskId, workflowId, timeoutSeconds, sentAt, at);
    }
  }

  // ---- the connection

  void send(Envelope message) {
    link.send(message);
  }

  void close(int code, String reason) {
    link.close(code, reason);
  }

  // ---- who, and how lately heard

  /** The robot once it registered, else null. */
  @Nullable Robot robot() {
    return robot;
  }

  /** The registered robot; a session that has not registered has none. */
  Robot registered() {
    return Objects.requireNonNull(robot, "the robot has not registered");
  }

  @Nullable String robotId() {
    Robot r = robot;
    return r == null ? null : r.id();
  }

  /** What the robot said about itself last (register, heartbeat, status, maintenance). */
  void update(Robot r) {
    robot = r;
  }

  void heard(Instant at) {
    lastHeard = at;
  }

  /** When the robot last said something on this connection. */
  Instant lastHeard() {
    return lastHeard;
  }

  /** Silent for longer than {@code timeout} at {@code now}. */
  boolean silentPast(Duration timeout, Instant now) {
    return lastHeard.plus(timeout).isBefore(now);
  }

  void pause(boolean on) {
    paused = on;
  }

  /** The connection is over (lost, or replaced by a newer one of the same robot). */
  void end() {
    closed = true;
  }

  // ---- jobs offered and running

  void offer(Assignment a) {
    offered.put(a.jobId(), a);
  }

  @Nullable Assignment offered(String jobId) {
    return offered.get(jobId);
  }

  @Nullable Assignment running(String jobId) {
    return running.get(jobId);
  }

  /** The assignment of a job, offered or running. */
  @Nullable Assignment assignment(String jobId) {
    Assignment a = running.get(jobId);
    return a != null ? a : offered.get(jobId);
  }

  /** The robot accepted an offer: it runs from {@code at}. */
  Assignment accept(Assignment a, Instant at) {
    Assignment run = a.accepted(at);
    running.put(a.jobId(), run);
    offered.remove(a.jobId());
    return run;
  }

  /** A run the robot reports after a restart or reconnect, taken back as running. */
  void adopt(Assignment a) {
    running.put(a.jobId(), a);
  }

  /** The job is no longer the robot's (ended, cancelled, refused). */
  void forget(String jobId) {
    offered.remove(jobId);
    running.remove(jobId);
  }

  /** The robot refused the job: it is not offered the job again before {@code until}. */
  void refuse(String jobId, Instant until) {
    offered.remove(jobId);
    refusedUntil.put(jobId, until);
  }

  boolean refuses(String jobId, Instant now) {
    Instant until = refusedUntil.get(jobId);
    return until != null && until.isAfter(now);
  }

  /** Offers not yet answered, as they are now. */
  List<Assignment> offers() {
    return List.copyOf(offered.values());
  }

  /** Jobs the robot runs, as they are now. */
  List<Assignment> runs() {
    return List.copyOf(running.values());
  }

  int runCount() {
    return running.size();
  }

  /** Takes every job from the session (offered first, then running), leaving it none. */
  List<Assignment> dropAll() {
    List<Assignment> held = new ArrayList<>(offered.values());
    held.addAll(running.values());
    offered.clear();
    running.clear();
    return held;
  }

  /** A reconnect: this connection takes over what the old one of the same robot held. */
  void takeOver(RobotSession old) {
    running.putAll(old.running);
    offered.putAll(old.offered);
    old.offered.clear();
    old.running.clear();
    old.end();
  }

  // ---- room and load

  /** Counts an offer decided in the dispatcher's round before it is claimed. */
  void plan() {
    planned++;
  }

  /** The round is over: its offers were claimed (and are offers now) or lost. */
  void endPlan() {
    planned = 0;
  }

  int held() {
    return offered.size() + running.size() + planned;
  }

  /** Registered, connected, not paused, drained or in error, and below its concurrency. */
  boolean hasRoom() {
    Robot r = robot;
    return r != null
        && !closed
        && !paused
        && !r.drained()
        && r.status() != RobotStatus.ERROR
        && held() < r.maxConcurrentJobs();
  }

  /** The robot's status as it is now: drained, its own error or offline, else busy or online. */
  RobotStatus status(Robot r) {
    if (r.drained()) {
      return RobotStatus.MAINTENANCE;
    }
    if (r.status() == RobotStatus.ERROR || r.status() == RobotStatus.OFFLINE) {
      return r.status();
    }
    return held() >= r.maxConcurrentJobs() ? RobotStatus.BUSY : RobotStatus.ONLINE;
  }

  /** The registered robot with its live job count and status. */
  Robot live() {
    Robot r = registered();
    return r.withCurrentJobs(held()).withStatus(status(r));
  }

  /** The robot as the engine's strategies see a worker: its capabilities, tags and load. */
  Worker asWorker(Instant now) {
    Robot r = registered();
    Map<String, Object> info = new LinkedHashMap<>(r.capabilities());
    info.put("worker_id", r.id());
    info.put("status", hasRoom() ? "idle" : "busy");
    info.put("current_jobs", held());
    info.put("max_concurrent_jobs", r.maxConcurrentJobs());
    info.put("load", (double) held() / r.maxConcurrentJobs());
    info.put("tags", r.tags());
    info.put("capabilities", r.capabilities());
    info.put("environment", r.environment());
    return new Worker(
        r.id(), RobotJobs.taskTypes(r), info, r.registeredAt(), now, now.plusSeconds(60));
  }
}
