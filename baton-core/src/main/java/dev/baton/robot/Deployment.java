package dev.baton.robot;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One robot's deployment of a stored workflow: which version, and where it stands. A robot has at
 * most one deployment of a workflow: deploying another version replaces it (pending again).
 *
 * @param workflowId the workflow's definition name
 * @param reason why it failed, or null
 * @param requestedAt when the deployment (of this version) was asked for
 */
public record Deployment(
    String workflowId,
    int version,
    String robotId,
    DeploymentStatus status,
    @Nullable String reason,
    Instant requestedAt,
    Instant updatedAt) {

  /** A new request: pending. */
  public static Deployment requested(String workflowId, int version, String robotId, Instant at) {
    return new Deployment(workflowId, version, robotId, DeploymentStatus.PENDING, null, at, at);
  }

  /**
   * The deployment moved to {@code to}.
   *
   * @throws IllegalStateException for a move the {@link DeploymentStatus} table does not allow
   */
  public Deployment moved(DeploymentStatus to, @Nullable String why, Instant at) {
    status.requireMoveTo(to, describe());
    return new Deployment(workflowId, version, robotId, to, why, requestedAt, at);
  }

  /** {@code workflow 'invoice' version 3 on robot 'r1'}. */
  public String describe() {
    return "workflow '" + workflowId + "' version " + version + " on robot '" + robotId + "'";
  }
}
