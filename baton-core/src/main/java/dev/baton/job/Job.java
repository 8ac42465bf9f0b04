package dev.baton.job;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One durable run of a blueprint. Immutable: the engine derives a new job for every change and
 * stores it with {@code version + 1}, and a store refuses the write when the version it holds is
 * not the one the change was derived from, so two nodes or threads can never both move a job.
 *
 * @param state the blueprint state the job is in
 * @param data the data accumulated from task results ({@code state_history} on the wire)
 * @param wakeAt when the engine must look at the job again on its own (a retry), or null
 * @param failedState the state to resume from after a failure, or null
 * @param aggregationResults the last parallel step's results, keyed by branch task id
 * @param attributes what the faces attach: webhook url, client, tracing context, schedule fire
 * @param lastWait the wait that ended last, while the job waits for nothing: Avtomatika's job keeps
 *     its {@code current_task_*}, {@code active_branches} and {@code child_job_id} after the wait
 *     ends, and the faces show the same; null while waiting, or before the first wait
 */
public record Job(
    String id,
    String blueprint,
    int blueprintVersion,
    String state,
    JobStatus status,
    Map<String, Object> initialData,
    Map<String, Object> data,
    int priority,
    int retryCount,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant wakeAt,
    @Nullable String parentJobId,
    @Nullable String errorMessage,
    @Nullable String failedState,
    @Nullable Wait awaiting,
    Map<String, Object> aggregationResults,
    JobAttributes attributes,
    long version,
    @Nullable Wait lastWait) {

  public Job {
    initialData = Maps.copy(initialData);
    data = Maps.copy(data);
    aggregationResults = Maps.copy(aggregationResults);
  }

  /**
   * A new job, not stored yet: pending in its blueprint's start state, at version 0 (a store keeps
   * it as version 1, the first the engine derives).
   */
  public static Job start(
      String id,
      String blueprint,
      int blueprintVersion,
      String startState,
      Map<String, Object> input,
      int priority,
      JobAttributes attributes,
      Instant now) {
    return draft(
        id, blueprint, blueprintVersion, startState, input, priority, attributes, null, now);
  }

  /**
   * A new sub-job of this job, not stored yet: it has this job's priority and attributes (the
   * client and the affinity reach the child too, the webhook does not: see {@link
   * JobAttributes#forSubJob}) and names this job as its parent.
   */
  public Job subJob(
      String childId,
      String childBlueprint,
      int childBlueprintVersion,
      String startState,
      Map<String, Object> input,
      Instant now) {
    return draft(
        childId,
        childBlueprint,
        childBlueprintVersion,
        startState,
        input,
        priority,
        attributes.forSubJob(),
        id,
        now);
  }

  private static Job draft(
      String id,
      String blueprint,
      int blueprintVersion,
      String startState,
      Map<String, Object> input,
      int priority,
      JobAttributes attributes,
      @Nullable String parentJobId,
      Instant now) {
    return new Job(
        id,
        blueprint,
        blueprintVersion,
        startState,
        JobStatus.PENDING,
        input,
        Map.of(),
        priority,
        0,
        now,
        now,
        null,
        parentJobId,
        null,
        null,
        null,
        Map.of(),
        attributes,
        0,
        null);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * This job, same version, with other attributes: for a draft not stored yet (the trace context a
   * tracer opens for it). A stored job's attributes never change.
   */
  public Job withAttributes(JobAttributes a) {
    return new Job(
        id,
        blueprint,
        blueprintVersion,
        state,
        status,
        initialData,
        data,
        priority,
        retryCount,
        createdAt,
        updatedAt,
        wakeAt,
        parentJobId,
        errorMessage,
        failedState,
        awaiting,
        aggregationResults,
        a,
        version,
        lastWait);
  }

  /** Derives the next version of a job. Only status changes are checked against the table. */
  public static final class Builder {
    private final Job from;
    private int blueprintVersion;
    private String state;
    private JobStatus status;
    private Map<String, Object> initialData;
    private Map<String, Object> data;
    private int retryCount;
    private Instant updatedAt;
    private @Nullable Instant wakeAt;
    private @Nullable String errorMessage;
    private @Nullable String failedState;
    private @Nullable Wait awaiting;
    private Map<String, Object> aggregationResults;
    private @Nullable Wait lastWait;

    private Builder(Job j) {
      from = j;
      blueprintVersion = j.blueprintVersion;
      state = j.state;
      status = j.status;
      initialData = j.initialData;
      data = j.data;
      retryCount = j.retryCount;
      updatedAt = j.updatedAt;
      wakeAt = j.wakeAt;
      errorMessage = j.errorMessage;
      failedState = j.failedState;
      awaiting = j.awaiting;
      aggregationResults = j.aggregationResults;
      lastWait = j.lastWait;
    }

    public Builder state(String s) {
      state = s;
      return this;
    }

    /** Moves the job to another version of its blueprint (a migration). */
    public Builder blueprintVersion(int v) {
      blueprintVersion = v;
      return this;
    }

    /** The version of its blueprint the job runs on now. */
    public int blueprintVersion() {
      return blueprintVersion;
    }

    /**
     * Moves the job to status {@code s} because of {@code cause}, as the {@link JobLifecycle} table
     * allows; staying in the same status is no transition and is not checked.
     *
     * @throws IllegalStateException naming what the job expected, when the table has no such move
     */
    public Builder status(JobStatus s, JobEvent cause) {
      if (s != status) {
        JobLifecycle.check(status, cause, s);
      }
      status = s;
      return this;
    }

    public Builder initialData(Map<String, Object> d) {
      initialData = d;
      return this;
    }

    public Builder data(Map<String, Object> d) {
      data = d;
      return this;
    }

    public Builder retryCount(int n) {
      retryCount = n;
      return this;
    }

    public Builder updatedAt(Instant t) {
      updatedAt = t;
      return this;
    }

    public Builder wakeAt(@Nullable Instant t) {
      wakeAt = t;
      return this;
    }

    public Builder errorMessage(@Nullable String m) {
      errorMessage = m;
      return this;
    }

    public Builder failedState(@Nullable String s) {
      failedState = s;
      return this;
    }

    /** What the job waits for now; a wait replaced by none is remembered as the last one. */
    public Builder awaiting(@Nullable Wait w) {
      if (w == null && awaiting != null) {
        lastWait = awaiting;
      }
      awaiting = w;
      return this;
    }

    public Builder aggregationResults(Map<String, Object> r) {
      aggregationResults = r;
      return this;
    }

    public JobStatus status() {
      return status;
    }

    public String state() {
      return state;
    }

    public Map<String, Object> data() {
      return data;
    }

    public Map<String, Object> initialData() {
      return initialData;
    }

    public @Nullable Wait awaiting() {
      return awaiting;
    }

    public int retryCount() {
      return retryCount;
    }

    public Map<String, Object> aggregationResults() {
      return aggregationResults;
    }

    public @Nullable String errorMessage() {
      return errorMessage;
    }

    public Job from() {
      return from;
    }

    /** The new version: the stored version plus one. */
    public Job build() {
      return new Job(
          from.id,
          from.blueprint,
          blueprintVersion,
          state,
          status,
          initialData,
          data,
          from.priority,
          retryCount,
          from.createdAt,
          updatedAt,
          wakeAt,
          from.parentJobId,
          errorMessage,
          failedState,
          awaiting,
          aggregationResults,
          from.attributes,
          from.version + 1,
          awaiting != null ? null : lastWait);
    }
  }
}
