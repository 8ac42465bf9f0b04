package dev.baton.robot;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a workflow version's deployment to one robot stands, as an explicit transition table.
 *
 * <ul>
 *   <li>{@code pending}: asked for; the robot has not confirmed it yet (it is offline, or has not
 *       sent a heartbeat since);
 *   <li>{@code deployed}: the robot confirmed it by a heartbeat (or a register) after the request:
 *       jobs of a workflow that asks for deployed robots may go to it;
 *   <li>{@code failed}: the robot refused a job of the workflow ({@code job_reject}), with the
 *       reason; deploying again makes it pending.
 * </ul>
 *
 * Undeploying removes the deployment, from any status.
 */
public enum DeploymentStatus {
  PENDING,
  DEPLOYED,
  FAILED;

  private static final Map<DeploymentStatus, Set<DeploymentStatus>> NEXT =
      Map.of(
          PENDING, EnumSet.of(PENDING, DEPLOYED, FAILED),
          DEPLOYED, EnumSet.of(PENDING, FAILED),
          FAILED, EnumSet.of(PENDING));

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeploymentStatus fromWire(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  public boolean canMoveTo(DeploymentStatus to) {
    return next().contains(to);
  }

  private Set<DeploymentStatus> next() {
    return NEXT.getOrDefault(this, EnumSet.noneOf(DeploymentStatus.class));
  }

  /**
   * @throws IllegalStateException naming the move and what was expected, for one the table has not
   */
  public void requireMoveTo(DeploymentStatus to, String what) {
    if (!canMoveTo(to)) {
      throw new IllegalStateException(
          what
              + ": cannot go from "
              + wireName()
              + " to "
              + to.wireName()
              + "; expected "
              + next().stream()
                  .map(DeploymentStatus::wireName)
                  .sorted()
                  .collect(Collectors.joining(" or ")));
    }
  }
}
