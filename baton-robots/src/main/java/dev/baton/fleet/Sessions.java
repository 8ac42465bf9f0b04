package dev.baton.fleet;

import dev.baton.robot.Robot;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The robots connected to this process: every open session, and the registered ones by robot id. A
 * robot that connects again replaces its old session, which hands over what it held.
 */
final class Sessions {
  private final Map<String, RobotSession> byRobot = new ConcurrentHashMap<>();
  private final Set<RobotSession> open = ConcurrentHashMap.newKeySet();

  RobotSession connect(RobotLink link, Instant now) {
    RobotSession s = new RobotSession(link, now);
    open.add(s);
    return s;
  }

  /** The session registered as {@code robot}; an older session of the same robot is replaced. */
  void register(RobotSession session, Robot robot) {
    RobotSession old = byRobot.put(robot.id(), session);
    if (old != null && old != session) {
      session.takeOver(old);
      open.remove(old);
      old.close(1000, "replaced by a new connection of the same robot");
    }
    session.update(robot);
  }

  /**
   * Ends the session; true when it was the robot's registered one (so its jobs are its to hand
   * back), false when it never registered or was replaced.
   */
  boolean remove(RobotSession s) {
    s.end();
    open.remove(s);
    Robot r = s.robot();
    return r != null && byRobot.remove(r.id(), s);
  }

  @Nullable RobotSession of(String robotId) {
    return byRobot.get(robotId);
  }

  boolean isConnected(String robotId) {
    return byRobot.containsKey(robotId);
  }

  /** The registered sessions, live (a view, not a copy). */
  Collection<RobotSession> registered() {
    return byRobot.values();
  }

  /** Every open session, registered or not, as it is now. */
  List<RobotSession> open() {
    return List.copyOf(open);
  }

  /** The stored robot with live counts when it is connected here. */
  Robot live(Robot stored) {
    RobotSession s = byRobot.get(stored.id());
    return s == null || s.robot() == null ? stored : s.live();
  }
}
