package dev.baton.fleet;

import dev.baton.engine.Engine;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotRunStore;
import dev.baton.robot.RobotStatus;
import dev.baton.robot.RunStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CasareRPA's DashboardMetrics, counted from the store. */
final class Dashboard {
  private Dashboard() {}

  /**
   * @param running the jobs robots connected here run now
   * @param now "today" is the UTC day of this instant
   */
  static Map<String, Object> metrics(
      Engine engine, RobotRunStore store, List<Robot> robots, long running, Instant now) {
    Instant midnight =
        LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    long online = robots.stream().filter(r -> r.status() != RobotStatus.OFFLINE).count();
    RunStats stats = store.runStats(midnight);
    long waiting =
        count(engine, JobStatus.WAITING_FOR_WORKER) + count(engine, JobStatus.AWAITING_RETRY);
    long ended = stats.completed() + stats.failed();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_robots", robots.size());
    m.put("online_robots", online);
    m.put("offline_robots", robots.size() - online);
    m.put("total_jobs_today", store.jobsCreatedSince(RobotJobs.BLUEPRINT, midnight));
    m.put("completed_jobs_today", stats.completed());
    m.put("failed_jobs_today", stats.failed());
    m.put("pending_jobs", Math.max(0, waiting - running));
    m.put("running_jobs", running);
    m.put("average_execution_time", stats.averageDurationMs() / 1000.0);
    m.put("success_rate", ended == 0 ? 0.0 : 100.0 * stats.completed() / ended);
    return m;
  }

  private static long count(Engine engine, JobStatus status) {
    return engine.jobs(new JobQuery(status, RobotJobs.BLUEPRINT, 1, 0)).total();
  }
}
