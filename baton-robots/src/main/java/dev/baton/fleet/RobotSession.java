package dev.baton.fleet;

import dev.baton.robot.Robot;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One robot's connection as the fleet sees it: who it is once registered, the jobs offered to it
 * and not yet answered ({@code pending}), the jobs it runs ({@code active}) and the jobs it refused
 * lately. Only the dispatcher adds jobs; messages move or remove them, so a stale read of the count
 * only ever underestimates the room left.
 */
public final class RobotSession {
  final RobotLink link;
  volatile @Nullable Robot robot;
  volatile Instant lastHeard;
  volatile boolean paused;
  volatile boolean closed;
  final Map<String, Assignment> pending = new ConcurrentHashMap<>();
  final Map<String, Assignment> active = new ConcurrentHashMap<>();
  final Map<String, Instant> refusedUntil = new ConcurrentHashMap<>();

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
    Assignment accepted(Instant at) {
      return new Assignment(jobId, taskId, workflowId, timeoutSeconds, sentAt, at);
    }
  }

  /** Offers decided in the dispatcher's current round, not yet claimed (dispatcher only). */
  volatile int planned;

  int held() {
    return pending.size() + active.size() + planned;
  }

  @Nullable String robotId() {
    Robot r = robot;
    return r == null ? null : r.id();
  }

  /** The assignment of a job, offered or running. */
  @Nullable Assignment assignment(String jobId) {
    Assignment a = active.get(jobId);
    return a != null ? a : pending.get(jobId);
  }
}
