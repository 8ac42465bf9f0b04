package dev.baton.fleet;

import dev.baton.robot.Robot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The running jobs of robots whose connection dropped, kept leased to them for the reconnect grace:
 * a robot that comes back within it, to this node or another, keeps them (its register or heartbeat
 * names them and the node it reached adopts them), and none is run twice. One that is not back when
 * the grace ends loses them: they are re-queued (same attempt, no retry used up) or failed, by
 * policy, so a robot killed mid-task costs one attempt and at most the grace in delay.
 *
 * <p>Kept in this process's memory: if this node dies too, nothing here ends the grace, and the
 * jobs wait for their lease to run out (the engine's worker TTL), which fails the attempt as any
 * dead worker's would, unless the robot is back elsewhere: there its heartbeats name the tasks its
 * session holds, and the engine gives back (same attempt) a lease they leave out, such as that of a
 * job the robot finished while its result was lost with this node.
 */
final class Reconnects {
  /**
   * @param droppedAt when this node saw the connection drop; the grace counts from it
   * @param lastHeard when the robot last spoke on it: heard after that, it spoke elsewhere
   */
  private record Kept(
      Robot robot, List<RobotSession.Assignment> runs, Instant droppedAt, Instant lastHeard) {
    Instant graceEnds(Duration grace) {
      return droppedAt.plus(grace);
    }
  }

  private final Attached at;
  private final Sessions sessions;
  private final Handovers handovers;
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  Reconnects(Attached at, Sessions sessions, Handovers handovers) {
    this.at = at;
    this.sessions = sessions;
    this.handovers = handovers;
  }

  /** The robot's connection dropped: its offers go back at once, its runs wait for it. */
  void dropped(RobotSession s) {
    Robot r = s.robot();
    List<RobotSession.Assignment> runs = handovers.drop(s, "robot disconnected");
    if (r != null && !runs.isEmpty()) {
      kept.merge(
          r.id(),
          new Kept(r, runs, at.now(), s.lastHeard()),
          (old, now) ->
              new Kept(
                  r,
                  java.util.stream.Stream.concat(old.runs().stream(), now.runs().stream()).toList(),
                  now.droppedAt(),
                  now.lastHeard()));
    }
  }

  /**
   * The grace: the fleet's {@code reconnectGrace}, at most half the engine's worker TTL, so that
   * the jobs are handed back before their lease runs out and fails their attempt.
   */
  Duration grace() {
    Duration half = at.engine().options().workerTtl().dividedBy(2);
    Duration wanted = at.options().reconnectGrace();
    return wanted.compareTo(half) < 0 ? wanted : half;
  }

  /**
   * Ends the grace of robots dropped at least {@link #grace()} ago: a robot heard since (connected
   * here again, or its registry entry heard after the drop, by another node) keeps its jobs; the
   * jobs of any other are handed back.
   *
   * @return how many jobs were handed back
   */
  int check(Instant now) {
    Duration grace = grace();
    int handed = 0;
    for (Kept k : kept.values()) {
      if (k.graceEnds(grace).isAfter(now) || !kept.remove(k.robot().id(), k)) {
        continue;
      }
      if (back(k)) {
        continue;
      }
      for (RobotSession.Assignment a : k.runs()) {
        handovers.handBack(
            k.robot(), a, "robot did not reconnect within " + grace.toMillis() + " ms");
        handed++;
      }
    }
    return handed;
  }

  /** When the next grace ends, or null when no robot is waited for. */
  @Nullable Instant nextDue() {
    Duration grace = grace();
    Instant next = null;
    for (Kept k : kept.values()) {
      Instant due = k.graceEnds(grace);
      if (next == null || due.isBefore(next)) {
        next = due;
      }
    }
    return next;
  }

  private boolean back(Kept k) {
    if (sessions.isConnected(k.robot().id())) {
      return true;
    }
    Instant heard = at.store().robot(k.robot().id()).map(Robot::lastHeartbeat).orElse(null);
    return heard != null && heard.isAfter(k.lastHeard());
  }
}
