package dev.baton.store;

import dev.baton.robot.Deployment;
import dev.baton.robot.JobLog;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotCommand;
import dev.baton.robot.RobotRun;
import dev.baton.robot.RunStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The robot fleet's registry, keys, runs, affinity counts and logs in an {@link InMemoryStore} (its
 * queue is over the store's tasks, in {@link MemoryJobs}). Not thread-safe: the store holds its
 * lock.
 */
final class MemoryFleet {
  private record Key(String owner, @Nullable Instant expiresAt) {}

  private final Map<String, Robot> robots = new LinkedHashMap<>();
  private final Map<String, Key> keys = new HashMap<>();
  private final Map<String, RobotRun> runs = new LinkedHashMap<>();
  private final Map<String, Map<String, Long>> successes = new HashMap<>();
  private final List<JobLog> logs = new ArrayList<>();
  private final Map<String, Deployment> deployments = new HashMap<>();
  private final List<RobotCommand> commands = new ArrayList<>();

  private static String key(String workflowId, String robotId) {
    return workflowId + "\u0000" + robotId;
  }

  void putDeployment(Deployment d) {
    deployments.put(key(d.workflowId(), d.robotId()), d);
  }

  boolean moveDeployment(Deployment expected, Deployment next) {
    Deployment stored = deployments.get(key(expected.workflowId(), expected.robotId()));
    if (stored == null
        || stored.version() != expected.version()
        || stored.status() != expected.status()) {
      return false;
    }
    putDeployment(next);
    return true;
  }

  Optional<Deployment> deployment(String workflowId, String robotId) {
    return Optional.ofNullable(deployments.get(key(workflowId, robotId)));
  }

  List<Deployment> deploymentsOf(String workflowId) {
    return deployments.values().stream()
        .filter(d -> d.workflowId().equals(workflowId))
        .sorted(Comparator.comparing(Deployment::robotId))
        .toList();
  }

  List<Deployment> deploymentsTo(String robotId) {
    return deployments.values().stream()
        .filter(d -> d.robotId().equals(robotId))
        .sorted(Comparator.comparing(Deployment::workflowId))
        .toList();
  }

  boolean deleteDeployment(String workflowId, String robotId) {
    return deployments.remove(key(workflowId, robotId)) != null;
  }

  void queueCommand(RobotCommand command) {
    commands.add(command);
  }

  List<RobotCommand> takeCommands(Collection<String> robotIds) {
    List<RobotCommand> taken = new ArrayList<>();
    commands.removeIf(c -> robotIds.contains(c.robotId()) && taken.add(c));
    return taken;
  }

  void putRobot(Robot robot) {
    robots.put(robot.id(), robot);
  }

  Optional<Robot> robot(String id) {
    return Optional.ofNullable(robots.get(id));
  }

  List<Robot> robots() {
    return robots.values().stream()
        .sorted(Comparator.comparing(Robot::registeredAt).thenComparing(Robot::id))
        .toList();
  }

  Optional<String> claimKey(String key, String owner, Instant now, @Nullable Instant expiresAt) {
    Key held = keys.get(key);
    if (held != null && (held.expiresAt() == null || held.expiresAt().isAfter(now))) {
      return Optional.of(held.owner());
    }
    keys.put(key, new Key(owner, expiresAt));
    return Optional.empty();
  }

  void moveKey(String key, String from, String to) {
    Key held = keys.get(key);
    if (held != null && held.owner().equals(from)) {
      keys.put(key, new Key(to, held.expiresAt()));
    }
  }

  void releaseKey(String key, String owner) {
    Key held = keys.get(key);
    if (held != null && held.owner().equals(owner)) {
      keys.remove(key);
    }
  }

  void putRun(RobotRun run) {
    runs.put(run.jobId(), run);
  }

  Optional<RobotRun> run(String jobId) {
    return Optional.ofNullable(runs.get(jobId));
  }

  void finishRun(String jobId, String outcome, Instant at) {
    runs.computeIfPresent(jobId, (id, r) -> r.finished(outcome, at));
  }

  RunStats runStats(Instant since) {
    long completed = 0;
    long failed = 0;
    long total = 0;
    long count = 0;
    for (RobotRun r : runs.values()) {
      if (r.finishedAt() == null || r.finishedAt().isBefore(since)) {
        continue;
      }
      if ("completed".equals(r.outcome())) {
        completed++;
        Long d = r.durationMs();
        if (d != null) {
          total += d;
          count++;
        }
      } else if ("failed".equals(r.outcome()) || "timeout".equals(r.outcome())) {
        failed++;
      }
    }
    return new RunStats(completed, failed, count == 0 ? 0 : (double) total / count);
  }

  void countOutcome(String robotId, String workflowId, boolean success) {
    if (success) {
      successes.computeIfAbsent(workflowId, k -> new HashMap<>()).merge(robotId, 1L, Long::sum);
    }
  }

  Map<String, Long> successes(String workflowId) {
    return Map.copyOf(successes.getOrDefault(workflowId, Map.of()));
  }

  void forgetJob(String jobId) {
    runs.remove(jobId);
    logs.removeIf(l -> l.jobId().equals(jobId));
  }

  void appendLogs(List<JobLog> entries) {
    logs.addAll(entries);
  }

  List<JobLog> logs(String jobId, int offset, int limit) {
    return logs.stream().filter(l -> l.jobId().equals(jobId)).skip(offset).limit(limit).toList();
  }

  List<JobLog> newestLogs(String jobId, int limit) {
    List<JobLog> all = logs.stream().filter(l -> l.jobId().equals(jobId)).toList();
    return all.subList(Math.max(0, all.size() - limit), all.size());
  }
}
