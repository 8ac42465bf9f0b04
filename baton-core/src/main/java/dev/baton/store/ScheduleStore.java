package dev.baton.store;

import dev.baton.job.JobStatus;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Schedules and their runs. Written through {@link Commits#commit}
 * (Insert/Update/Advance/DeleteSchedule, schedule runs), so a fire and the job it starts go in
 * together. Checked by {@code ScheduleStoreContract}; safe to call from many threads.
 */
public interface ScheduleStore {

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
}
