package dev.baton.engine;

import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Watches the engine's work for metrics and traces, without the engine knowing how either is made
 * (the core has no metrics or tracing library; {@code baton-metrics} and {@code baton-tracing}
 * implement this). It hears what a {@link JobListener} cannot see: steps, tasks leased and ended,
 * retries, expired leases, schedule fires.
 *
 * <p>Events are told after their change is committed (a step that lost a race and was computed
 * again is told once), on the thread that made it, so an observer must be quick; one that throws is
 * logged and skipped. The engine never reads what an observer does, except the trace context {@link
 * #opening} gives a new job.
 *
 * <p>A job lives across many transactions and processes, so the trace is kept with the job: its
 * {@value #TRACE_ATTRIBUTE} attribute holds a W3C {@code traceparent}, and every later step of the
 * job is reported as a child of it. The default methods do nothing, so {@link #NONE} costs nothing.
 */
public interface EngineObserver {
  /** The job attribute holding the W3C trace context ({@code traceparent}, {@code tracestate}). */
  String TRACE_ATTRIBUTE = "tracing_context";

  EngineObserver NONE = new EngineObserver() {};

  /**
   * A job is about to be stored for the first time: its trace context, a W3C {@code traceparent}
   * that continues {@code draft}'s own (the client's, or its parent job's) or the caller's current
   * one, or null to leave the job as it is. Called while a step is planned: a step that loses a
   * race is planned again, so this may be called twice for one job, and only one of the two
   * commits.
   */
  default @Nullable String opening(Job draft) {
    return null;
  }

  /** A step was committed; called after the commit, on the thread that made it, once per job. */
  default void committed(Step step) {}

  /**
   * Work for a job outside an engine step: a task handed to a worker, a result taken from one, a
   * webhook delivered, a scenario action. The caller closes what it gets back when the work is
   * done.
   *
   * @param name what is done, e.g. {@code "dispatch render"}
   * @param parent the W3C traceparent it continues: a worker's, or the job's ({@link
   *     #traceparent(Job)}); null continues the caller's current context (a new trace if none)
   * @param attributes what is worth knowing about it (ids, types); no secrets
   */
  default Activity begin(String name, @Nullable String parent, Map<String, String> attributes) {
    return Activity.NONE;
  }

  /**
   * {@code task} of {@code job} was just handed out: leased to the worker or robot {@code holderId}
   * ({@code holderKey} says which, e.g. {@code baton.worker.id}). Returns the trace context to send
   * along with it, which the holder continues (the task's "dispatch" span, from when the task could
   * first be taken to its hand-out), or null when nothing is traced.
   */
  default @Nullable String handedOut(Job job, Task task, String holderKey, String holderId) {
    return null;
  }

  /**
   * Whether {@link #handedOut} may return a trace context: when false, a caller need not read the
   * job it would have to pass (a dispatcher handing out thousands of tasks a second skips that read
   * when only metrics observe).
   */
  default boolean tracesHandOuts() {
    return false;
  }

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

  /** The job's W3C traceparent, from its {@value #TRACE_ATTRIBUTE} attribute; null if none. */
  static @Nullable String traceparent(Job job) {
    String s = job.attributes().tracingContext().get("traceparent");
    return s != null && !s.isBlank() ? s : null;
  }

  /**
   * One piece of work {@link #begin begun}: current on the thread that began it until closed, on
   * that same thread; closing it ends it.
   */
  interface Activity extends AutoCloseable {
    Activity NONE =
        new Activity() {
          @Override
          public @Nullable String traceparent() {
            return null;
          }

          @Override
          public void failed(String reason) {}

          @Override
          public void close() {}
        };

    /** This work's own trace context, to send along with it (to a worker, a robot), or null. */
    @Nullable String traceparent();

    /** The work did not succeed; {@code reason} says why. */
    void failed(String reason);

    @Override
    void close();
  }
}
