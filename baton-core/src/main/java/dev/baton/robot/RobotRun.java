package dev.baton.robot;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a robot did with a job's current task: which robot holds it, when it accepted (the job is
 * {@code running} from then), its progress, and how it ended. One per job: a re-dispatch replaces
 * it.
 *
 * @param outcome {@code completed}, {@code failed}, {@code timeout} or {@code cancelled}; null
 *     while the run goes on
 */
public record RobotRun(
    String jobId,
    String taskId,
    String robotId,
    @Nullable String workflowId,
    @Nullable Instant acceptedAt,
    int progress,
    @Nullable String currentNode,
    @Nullable String message,
    @Nullable Instant finishedAt,
    @Nullable String outcome,
    Instant updatedAt) {

  public static RobotRun accepted(
      String jobId, String taskId, String robotId, @Nullable String workflowId, Instant at) {
    return new RobotRun(jobId, taskId, robotId, workflowId, at, 0, null, null, null, null, at);
  }

  public RobotRun progressed(int p, @Nullable String node, @Nullable String msg, Instant at) {
    return new RobotRun(
        jobId, taskId, robotId, workflowId, acceptedAt, p, node, msg, finishedAt, outcome, at);
  }

  public RobotRun finished(String how, Instant at) {
    return new RobotRun(
        jobId,
        taskId,
        robotId,
        workflowId,
        acceptedAt,
        "completed".equals(how) ? 100 : progress,
        currentNode,
        message,
        at,
        how,
        at);
  }

  /** Milliseconds from acceptance to the end, or null while it runs. */
  public @Nullable Long durationMs() {
    return acceptedAt == null || finishedAt == null
        ? null
        : finishedAt.toEpochMilli() - acceptedAt.toEpochMilli();
  }
}
