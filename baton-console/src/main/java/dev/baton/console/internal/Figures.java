package dev.baton.console.internal;

import dev.baton.console.ConsoleSources;
import dev.baton.console.view.Activity;
import dev.baton.console.view.Card;
import dev.baton.console.view.Overview;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotStatus;
import dev.baton.series.SeriesMinute;
import dev.baton.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The overview's figures, each read from the store when asked (nothing is kept in memory or made
 * up, so every node shows the same and a restart loses nothing):
 *
 * <ul>
 *   <li>jobs now, by status: the store's count of each status shown, on its status index;
 *   <li>finished and failed today: the series' per-minute buckets since midnight in the server's
 *       zone (counted from the ledger's {@code job.finished} and {@code job.failed} entries, the
 *       minutes not rolled up yet straight from the ledger), so a day of a busy server is a read of
 *       at most 1,440 buckets rather than a count of its ledger;
 *   <li>jobs today: the jobs created since midnight, counted by the store on its creation-time
 *       index;
 *   <li>average execution time: creation to finish of the last {@link #RECENT} finished jobs.
 * </ul>
 */
final class Figures {
  static final int RECENT = 100;
  static final int ACTIVITY = 15;

  /** The statuses the cards count. */
  private static final List<JobStatus> SHOWN =
      List.of(
          JobStatus.PENDING,
          JobStatus.WAITING_FOR_WORKER,
          JobStatus.AWAITING_RETRY,
          JobStatus.RUNNING,
          JobStatus.WAITING_FOR_PARALLEL_TASKS,
          JobStatus.WAITING_FOR_SUB_JOB,
          JobStatus.WAITING_FOR_HUMAN);

  private final ConsoleSources sources;

  Figures(ConsoleSources sources) {
    this.sources = sources;
  }

  Overview overview() {
    Instant now = sources.engine().clock().instant();
    Instant midnight =
        LocalDate.ofInstant(now, sources.zone()).atStartOfDay(sources.zone()).toInstant();
    Map<JobStatus, Long> counts = counts();
    SeriesMinute today = sources.series().since(midnight);
    long finished = today.finished();
    long failed = today.failed();
    List<Robot> robots = sources.fleet().robots();
    long online =
        robots.stream()
            .filter(r -> r.status() == RobotStatus.ONLINE || r.status() == RobotStatus.BUSY)
            .count();
    List<Worker> workers = sources.engine().workers();
    long alive = workers.stream().filter(w -> w.isAlive(now)).count();
    List<Card> cards = new ArrayList<>();
    cards.add(new Card("robots-total", "Robots", n(robots.size()), "registered robots"));
    cards.add(new Card("robots-online", "Online", n(online), "robots online or busy"));
    cards.add(
        new Card("robots-offline", "Offline", n(robots.size() - online), "robots not online"));
    cards.add(new Card("workers", "Workers", alive + " / " + workers.size(), "alive / registered"));
    cards.add(new Card("jobs-today", "Jobs today", jobsToday(midnight), "created since midnight"));
    cards.add(
        new Card("completed-today", "Completed today", n(finished), "finished since midnight"));
    cards.add(new Card("failed-today", "Failed today", n(failed), "failed since midnight"));
    cards.add(
        new Card(
            "pending",
            "Pending",
            n(
                sum(
                    counts,
                    JobStatus.PENDING,
                    JobStatus.WAITING_FOR_WORKER,
                    JobStatus.AWAITING_RETRY)),
            "waiting for a worker or a retry"));
    cards.add(
        new Card(
            "running",
            "Running",
            n(
                sum(
                    counts,
                    JobStatus.RUNNING,
                    JobStatus.WAITING_FOR_PARALLEL_TASKS,
                    JobStatus.WAITING_FOR_SUB_JOB)),
            "running or waiting for their branches"));
    cards.add(
        new Card(
            "waiting-human",
            "Awaiting a person",
            n(sum(counts, JobStatus.WAITING_FOR_HUMAN)),
            "approvals and decisions"));
    cards.add(
        new Card(
            "average-time",
            "Average time",
            averageTime(),
            "created to finished, last " + RECENT + " finished jobs"));
    cards.add(
        new Card(
            "success-rate",
            "Success rate",
            finished + failed == 0 ? "–" : percent((double) finished / (finished + failed)),
            "finished / (finished + failed) today"));
    Map<String, @Nullable Object> health = health();
    if (health != null) {
      Object score = health.get("health_score");
      Object status = health.get("status");
      cards.add(
          new Card(
              "health",
              "Loop health",
              score instanceof Number s ? String.valueOf(Math.round(s.doubleValue())) : "–",
              "control loop: " + (status == null ? "unknown" : status)));
    }
    return new Overview(cards, activity(LedgerQuery.newest(ACTIVITY)), Show.time(now));
  }

  List<Activity> activity(LedgerQuery q) {
    List<Activity> out = new ArrayList<>();
    for (LedgerEntry e : sources.ledger().read(q).entries()) {
      out.add(
          new Activity(
              Show.time(e.at()),
              e.type(),
              e.severity().wireName(),
              e.source(),
              e.jobId(),
              Show.details(e.details())));
    }
    return out;
  }

  private @Nullable Map<String, @Nullable Object> health() {
    var supplier = sources.health();
    if (supplier == null) {
      return null;
    }
    try {
      return supplier.get();
    } catch (RuntimeException e) {
      return Map.of("status", "unavailable: " + e.getMessage());
    }
  }

  /**
   * The jobs of each status a card shows, each a count of the {@code jobs_status} index's range of
   * that status: the cost is that of the jobs that have not ended, not of every job stored (which
   * {@code countJobs} groups in one scan).
   */
  private Map<JobStatus, Long> counts() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    for (JobStatus s : SHOWN) {
      counts.put(s, sources.engine().jobs(new JobQuery(s, null, 1, 0)).total());
    }
    return counts;
  }

  /** A count of the {@code created_at} index's range: one page of one job, and its total. */
  private String jobsToday(Instant midnight) {
    return n(sources.engine().jobs(JobQuery.all(1, 0).createdBetween(midnight, null)).total());
  }

  private String averageTime() {
    List<Job> recent =
        sources
            .engine()
            // Counting every finished job would read the whole index range: no total is needed.
            .jobs(new JobQuery(JobStatus.FINISHED, null, RECENT, 0).countingUpTo(1))
            .items();
    if (recent.isEmpty()) {
      return "–";
    }
    long totalMillis = 0;
    for (Job j : recent) {
      totalMillis += Duration.between(j.createdAt(), j.updatedAt()).toMillis();
    }
    return Show.duration(Duration.ofMillis(totalMillis / recent.size()));
  }

  private static long sum(Map<JobStatus, Long> counts, JobStatus... statuses) {
    long n = 0;
    for (JobStatus s : statuses) {
      n += counts.getOrDefault(s, 0L);
    }
    return n;
  }

  private static String n(long value) {
    return String.valueOf(value);
  }

  private static String percent(double share) {
    return String.format(java.util.Locale.ROOT, "%.1f %%", share * 100);
  }
}
