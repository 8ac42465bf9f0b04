package dev.baton.fleet;

import dev.baton.engine.BatonException;
import dev.baton.robot.Deployment;
import dev.baton.robot.DeploymentStatus;
import dev.baton.robot.DeploymentStore;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CasareRPA's WorkflowDistributor: deploys and undeploys stored workflow versions to robots, and
 * reports each robot's deployment status.
 *
 * <p>The robot protocol has no message for a deployment, and a workflow's content travels to the
 * robot in every {@code job_assign}; so a deployment is the orchestrator's record that a robot is
 * meant to run that version, and it is confirmed by the robot itself: it becomes {@code deployed}
 * at the robot's next {@code heartbeat} or {@code register} (proof that the robot is connected and
 * takes work), and {@code failed} when the robot rejects a job of the workflow. A robot that is
 * offline keeps its deployments pending until it comes back. Confirmations are guarded moves, so
 * one racing an undeploy or a new version changes nothing.
 */
public final class Deployments {
  private static final Logger log = LoggerFactory.getLogger(Deployments.class);

  private final DeploymentStore store;
  private final RobotStore robots;
  private final StoredWorkflows workflows;
  private final Clock clock;

  public Deployments(
      DeploymentStore store, RobotStore robots, StoredWorkflows workflows, Clock clock) {
    this.store = store;
    this.robots = robots;
    this.workflows = workflows;
    this.clock = clock;
  }

  /** Which robots: those named, and those with the tag. */
  public record Target(List<String> robotIds, @Nullable String tag) {
    public Target {
      robotIds = List.copyOf(robotIds);
      if (robotIds.isEmpty() && (tag == null || tag.isBlank())) {
        throw BatonException.invalid(
            "robot_ids or robot_tag: name the robots (or a tag of theirs)");
      }
    }
  }

  /**
   * Deploys a version (the named one, else the latest published, else the newest) to the robots:
   * each gets a pending deployment, unless it has that version deployed or pending already.
   *
   * @throws BatonException NOT_FOUND for an unknown workflow, version or robot, or a tag no robot
   *     has
   */
  public List<Deployment> deploy(String workflowId, @Nullable Integer version, Target target) {
    StoredWorkflows.Workflow w = workflows.forDeploy(workflowId, version);
    Instant now = clock.instant();
    List<Deployment> out = new ArrayList<>();
    for (String robot : resolve(target)) {
      Optional<Deployment> had = store.deployment(w.id(), robot);
      if (had.isPresent()
          && had.get().version() == w.version()
          && had.get().status() != DeploymentStatus.FAILED) {
        out.add(had.get());
        continue;
      }
      Deployment d =
          had.isPresent()
              ? new Deployment(w.id(), w.version(), robot, had.get().status(), null, now, now)
                  .moved(DeploymentStatus.PENDING, null, now)
              : Deployment.requested(w.id(), w.version(), robot, now);
      store.putDeployment(d);
      out.add(d);
    }
    return out;
  }

  /** Removes the robots' deployments of a workflow; returns the robots that had one. */
  public List<String> undeploy(String workflowId, Target target) {
    List<String> removed = new ArrayList<>();
    for (String robot : resolve(target)) {
      if (store.deleteDeployment(workflowId, robot)) {
        removed.add(robot);
      }
    }
    return removed;
  }

  /** A workflow's deployments, by robot (CasareRPA's {@code get_deployment_status}). */
  public List<Deployment> of(String workflowId) {
    return store.deploymentsOf(workflowId);
  }

  /** A robot's deployments, by workflow. */
  public List<Deployment> to(String robotId) {
    return store.deploymentsTo(robotId);
  }

  /** The robots that have this version deployed (confirmed). */
  public Set<String> deployedRobots(String workflowId, int version) {
    Set<String> out = new LinkedHashSet<>();
    for (Deployment d : store.deploymentsOf(workflowId)) {
      if (d.version() == version && d.status() == DeploymentStatus.DEPLOYED) {
        out.add(d.robotId());
      }
    }
    return out;
  }

  /** The robot spoke (registered, heartbeat): its pending deployments are confirmed. */
  void heardFrom(String robotId) {
    Instant now = clock.instant();
    for (Deployment d : store.deploymentsTo(robotId)) {
      if (d.status() == DeploymentStatus.PENDING) {
        store.moveDeployment(d, d.moved(DeploymentStatus.DEPLOYED, null, now));
      }
    }
  }

  /** The robot rejected a job of the workflow: its deployment of it failed, with the reason. */
  void rejected(String robotId, @Nullable String workflowId, String reason) {
    if (workflowId == null) {
      return;
    }
    store
        .deployment(workflowId, robotId)
        .filter(d -> d.status() != DeploymentStatus.FAILED)
        .ifPresent(d -> {
          if (store.moveDeployment(d, d.moved(DeploymentStatus.FAILED, reason, clock.instant()))) {
            log.warn("{} failed: {}", d.describe(), reason);
          }
        });
  }

  private Set<String> resolve(Target target) {
    Set<String> out = new LinkedHashSet<>();
    for (String id : target.robotIds()) {
      if (robots.robot(id).isEmpty()) {
        throw BatonException.notFound("Robot not found: " + id);
      }
      out.add(id);
    }
    String tag = target.tag();
    if (tag != null && !tag.isBlank()) {
      List<String> tagged =
          robots.robots().stream().filter(r -> r.tags().contains(tag)).map(Robot::id).toList();
      if (tagged.isEmpty()) {
        throw BatonException.notFound("no robot has the tag '" + tag + "'");
      }
      out.addAll(tagged);
    }
    return out;
  }
}
