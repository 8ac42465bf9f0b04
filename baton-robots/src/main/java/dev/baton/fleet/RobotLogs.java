package dev.baton.fleet;

import dev.baton.robot.JobLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest log lines each robot connected to this process sent ({@code log_entry}, {@code
 * log_batch}), kept in memory for the console's robot page. The store keeps every line by job
 * ({@link dev.baton.robot.JobLogStore}) but cannot read them by robot; this ring holds the last
 * {@value #KEPT} of each robot, so it is bounded and lost on a restart.
 */
final class RobotLogs {
  static final int KEPT = 200;

  private final Map<String, Deque<JobLog>> byRobot = new ConcurrentHashMap<>();

  void add(String robotId, List<JobLog> lines) {
    Deque<JobLog> ring = byRobot.computeIfAbsent(robotId, id -> new ArrayDeque<>());
    synchronized (ring) {
      for (JobLog line : lines) {
        if (ring.size() == KEPT) {
          ring.removeFirst();
        }
        ring.addLast(line);
      }
    }
  }

  /** The robot's newest lines, oldest first. */
  List<JobLog> of(String robotId) {
    Deque<JobLog> ring = byRobot.get(robotId);
    if (ring == null) {
      return List.of();
    }
    synchronized (ring) {
      return new ArrayList<>(ring);
    }
  }
}
