package dev.baton.engine;

import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Hears what the engine does that a {@link JobListener} cannot see: tasks leased and ended,
 * retries, expired leases, schedule fires. Every event is told after its change is committed (a
 * step that lost a race and was computed again is told once), on the thread that made it, so an
 * observer must be quick; one that throws is logged and skipped. The port metrics and traces adapt;
 * the engine itself never reads what an observer does.
 */
public interface EngineObserver {
  /** Observes nothing. */
  EngineObserver NONE = new EngineObserver() {};

  /** A job changed status; {@code from} is null when it was just created. */
  default void jobMoved(Job job, @Nullable JobStatus from, JobStatus to) {}

  /** A worker's poll leased {@code task} (as leased) at {@code at}. */
  default void taskLeased(Task task, Instant at) {}

  /** {@code task} (as it was before) left the open states for {@code to} at {@code at}. */
  default void taskEnded(Task task, TaskStatus to, Instant at) {}

  /** A failed attempt at a task of {@code taskType} is tried again. */
  default void taskRetried(String taskType, ErrorCode error) {}

  /** A leased task's lease ran out (its worker went silent or died) before a result came. */
  default void leaseExpired(Task task) {}

  /** A schedule fired (or skipped, queued or failed a fire): {@code run} says which, and when. */
  default void scheduleRan(Schedule schedule, ScheduleRun run) {}

  /** A pass found due fires of {@code schedule} that its missed-fire policy dropped. */
  default void firesMissed(Schedule schedule) {}
}
