package dev.baton.store;

import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Notice;
import dev.baton.job.Page;
import dev.baton.job.Task;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import dev.baton.worker.Worker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the engine keeps jobs, tasks, history and workers. The engine's only persistence port.
 *
 * <p>Contract (checked for every implementation by the store contract suite): a commit that returns
 * has been made durable (for a durable store), or has changed nothing; a claim hands a task to
 * exactly one claimer however many race for it; every method is safe to call from many threads.
 */
public interface Store extends AutoCloseable {

  /**
   * Applies every operation of the change in one transaction.
   *
   * @return false, having changed nothing, when a guard failed (a concurrent change won)
   * @throws StoreException when the store itself failed; nothing was applied
   */
  boolean commit(Change change);

  /**
   * Applies many changes, each on its own terms (one failing guard fails only its change), as
   * cheaply as the store can: a group-committing store makes them one transaction.
   *
   * @return for each change, whether it was applied
   */
  default List<Boolean> commitAll(List<Change> changes) {
    return changes.stream().map(this::commit).toList();
  }

  Optional<Job> job(String id);

  Page<Job> jobs(JobQuery query);

  /** The job's history, oldest first. */
  List<JobTransition> transitions(String jobId);

  Optional<Task> task(String id);

  /** All tasks of a job, oldest first. */
  List<Task> tasksOf(String jobId);

  /** Leases matching tasks to the claimer; returns them leased. Never hands a task out twice. */
  List<Task> claim(TaskClaim claim);

  /** Jobs whose {@code wakeAt} has come, earliest first. */
  List<Job> dueJobs(Instant now, int limit);

  /** Open tasks whose lease ({@code leaseUntil}) or deadline has passed, in no set order. */
  List<Task> expiredTasks(Instant now, int limit);

  /** The tasks the worker holds (leased to it), in no set order. */
  List<Task> leasedTo(String workerId);

  /** Extends the lease of every task the worker holds; returns how many. */
  int renewLeases(String workerId, Instant leaseUntil);

  void putWorker(Worker worker);

  Optional<Worker> worker(String id);

  List<Worker> workers();

  Map<JobStatus, Long> countJobs();

  /**
   * Pending notices that are due, leased to the caller until {@code leaseUntil} (their {@code
   * dueAt} moves there), oldest first. A caller that dies mid-delivery leaves them to be claimed
   * again when the lease runs out; two callers never claim the same notice at once.
   */
  List<Notice> claimNotices(Instant now, Instant leaseUntil, int limit);

  /** Stores the outcome of a delivery attempt (status, attempts, due time, last error). */
  void updateNotice(Notice notice);

  Optional<Notice> notice(String id);

  /** Notices about a job, oldest first. */
  List<Notice> noticesOf(String jobId);

  /**
   * Uses one unit of a quota, atomically: {@code key} names the quota holder and {@code period} the
   * window (e.g. {@code 2026-11}), so a new period starts from zero.
   *
   * @return the units left after this one, or -1 when none was left (nothing is used then)
   */
  long consumeQuota(String key, String period, long limit);

  // ---- schedules (written through commit: Insert/Update/DeleteSchedule, schedule runs)

  Optional<Schedule> schedule(String id);

  Optional<Schedule> scheduleByName(String name);

  /** Every schedule, by name. */
  List<Schedule> schedules();

  /**
   * Enabled schedules that are due ({@link Schedule#isDue}): a fire time has come, or a fire waits
   * for the previous run. Earliest first.
   */
  List<Schedule> dueSchedules(Instant now, int limit);

  /** The earliest next fire of the enabled schedules, if any: what the scheduler sleeps until. */
  Optional<Instant> nextScheduleFire();

  /** A schedule's runs, newest fire first. */
  List<ScheduleRun> scheduleRuns(String scheduleId, int limit);

  /** How many of a schedule's runs started a job that is now in each status. */
  Map<JobStatus, Long> scheduleRunStatuses(String scheduleId);

  /**
   * Runs of every schedule fired at or after {@code since} that failed: they could not start
   * (outcome {@code failed}) or their job is failed or quarantined. Newest fire first.
   */
  List<ScheduleRun> failedScheduleRuns(Instant since, int limit);

  @Override
  void close();
}
