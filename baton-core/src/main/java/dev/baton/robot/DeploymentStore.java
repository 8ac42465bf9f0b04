package dev.baton.robot;

import java.util.List;
import java.util.Optional;

/**
 * Which workflow versions are deployed to which robots. Checked by {@code DeploymentStoreContract};
 * thread-safe.
 */
public interface DeploymentStore {

  /** Stores the deployment, replacing the robot's deployment of that workflow, if any. */
  void putDeployment(Deployment deployment);

  /**
   * Replaces the stored deployment only if it is still {@code expected} (same version and status):
   * a confirmation racing an undeploy or a new version changes nothing.
   *
   * @return whether it was replaced
   */
  boolean moveDeployment(Deployment expected, Deployment next);

  Optional<Deployment> deployment(String workflowId, String robotId);

  /** A workflow's deployments, by robot id. */
  List<Deployment> deploymentsOf(String workflowId);

  /** A robot's deployments, by workflow id. */
  List<Deployment> deploymentsTo(String robotId);

  /**
   * @return whether there was a deployment to remove
   */
  boolean deleteDeployment(String workflowId, String robotId);
}
