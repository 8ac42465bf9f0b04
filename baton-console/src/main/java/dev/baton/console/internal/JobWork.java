package dev.baton.console.internal;

import dev.baton.console.FleetView;
import dev.baton.console.view.JobDetail;
import dev.baton.console.view.RobotDetail;
import dev.baton.robot.JobLog;
import dev.baton.server.events.EventHub;
import dev.baton.server.events.ServerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a job's work reported: its progress and its log lines, for the job's page.
 *
 * <ul>
 *   <li>A robot job's progress is the robot's last {@code job_progress} (percent, node, message),
 *       kept with its run in the store, and its log lines are the store's {@code job_logs} (every
 *       line the robot sent for the job, on any node).
 *   <li>A worker's progress (Avtomatika's {@code progress} over its WebSocket) is not stored: it is
 *       a live hint, published on {@code progress:<job_id>}. The page shows the newest such event
 *       that the event hub's ring still holds (its last 4,096 events), so an old report, or one
 *       made before a restart, is not shown.
 * </ul>
 */
final class JobWork {
  /** The log lines a job's page shows: the newest, oldest first (a failure is at the end). */
  static final int LOG_LINES = 200;

  private final FleetView fleet;
  private final EventHub events;

  JobWork(FleetView fleet, EventHub events) {
    this.fleet = fleet;
    this.events = events;
  }

  JobDetail.Work of(String jobId) {
    String progress = fleet.jobProgress(jobId);
    if (progress == null) {
      progress = workerProgress(jobId);
    }
    List<RobotDetail.LogLine> lines = new ArrayList<>();
    List<JobLog> logs = fleet.jobLogs(jobId, LOG_LINES + 1);
    for (JobLog l : logs.subList(Math.max(0, logs.size() - LOG_LINES), logs.size())) {
      lines.add(
          new RobotDetail.LogLine(
              Show.time(l.at()),
              l.level(),
              l.jobId(),
              l.nodeId() == null ? "" : l.nodeId(),
              l.message()));
    }
    return new JobDetail.Work(progress == null ? "" : progress, lines, logs.size() > LOG_LINES);
  }

  /** The newest {@code job.progress} event of the job in the hub's ring, as a line of text. */
  private @Nullable String workerProgress(String jobId) {
    List<ServerEvent> recent = events.recent();
    String channel = "progress:" + jobId;
    for (ServerEvent e : recent.reversed()) {
      if (e.channel().equals(channel)) {
        return text(e.data(), Show.time(e.at()));
      }
    }
    return null;
  }

  private static String text(Map<String, @Nullable Object> d, String at) {
    StringBuilder b = new StringBuilder();
    Object value = d.get("progress");
    b.append(
        value instanceof Number n && n.doubleValue() <= 1 && n.doubleValue() >= 0
            ? Math.round(n.doubleValue() * 100) + " %"
            : String.valueOf(value));
    Object message = d.get("message");
    if (message != null) {
      b.append(": ").append(message);
    }
    Object task = d.get("task_id");
    if (task != null) {
      b.append(" (task ").append(task).append(')');
    }
    return b.append(", reported ").append(at).toString();
  }
}
