package dev.baton.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every store must do with workflow deployments; part of {@link FleetStoreContract}. */
public interface DeploymentStoreContract {
  Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  DeploymentStore deployments();

  @Test
  default void aDeploymentComesBackAsStoredAndANewVersionReplacesIt() {
    Deployment d = Deployment.requested("invoice", 2, "r1", T0);
    deployments().putDeployment(d);
    assertThat(deployments().deployment("invoice", "r1")).contains(d);
    Deployment v3 = Deployment.requested("invoice", 3, "r1", T0.plusSeconds(5));
    deployments().putDeployment(v3);
    assertThat(deployments().deployment("invoice", "r1")).contains(v3);
    assertThat(deployments().deploymentsOf("invoice")).containsExactly(v3);
    assertThat(deployments().deployment("invoice", "r2")).isEmpty();
  }

  @Test
  default void aMoveIsGuardedOnTheStoredVersionAndStatus() {
    Deployment d = Deployment.requested("invoice", 2, "r1", T0);
    deployments().putDeployment(d);
    Deployment deployed = d.moved(DeploymentStatus.DEPLOYED, null, T0.plusSeconds(1));
    assertThat(deployments().moveDeployment(d, deployed)).isTrue();
    // A second confirmation, from the pending state it no longer has, changes nothing.
    assertThat(deployments().moveDeployment(d, deployed)).isFalse();
    Deployment failed = deployed.moved(DeploymentStatus.FAILED, "no Excel here", T0.plusSeconds(2));
    assertThat(deployments().moveDeployment(deployed, failed)).isTrue();
    assertThat(deployments().deployment("invoice", "r1").orElseThrow().reason())
        .isEqualTo("no Excel here");
    // Undeployed meanwhile: a late confirmation does not bring it back.
    assertThat(deployments().deleteDeployment("invoice", "r1")).isTrue();
    assertThat(
            deployments().moveDeployment(failed, failed.moved(DeploymentStatus.PENDING, null, T0)))
        .isFalse();
    assertThat(deployments().deployment("invoice", "r1")).isEmpty();
    assertThat(deployments().deleteDeployment("invoice", "r1")).isFalse();
  }

  @Test
  default void deploymentsListByRobotAndByWorkflow() {
    deployments().putDeployment(Deployment.requested("w2", 1, "r2", T0));
    deployments().putDeployment(Deployment.requested("w1", 1, "r2", T0));
    deployments().putDeployment(Deployment.requested("w1", 4, "r1", T0));
    assertThat(deployments().deploymentsOf("w1"))
        .extracting(Deployment::robotId)
        .containsExactly("r1", "r2");
    assertThat(deployments().deploymentsTo("r2"))
        .extracting(Deployment::workflowId)
        .containsExactly("w1", "w2");
    assertThat(deployments().deploymentsTo("r9")).isEmpty();
  }

  @Test
  default void theTransitionTableRefusesAMoveItHasNot() {
    Deployment d = Deployment.requested("w", 1, "r", T0).moved(DeploymentStatus.FAILED, "x", T0);
    assertThatThrownBy(() -> d.moved(DeploymentStatus.DEPLOYED, null, T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "workflow 'w' version 1 on robot 'r': cannot go from failed to deployed; expected pending");
  }
}
