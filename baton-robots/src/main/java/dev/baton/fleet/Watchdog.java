package dev.baton.fleet;

import dev.baton.duty.Duty;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotStatus;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The fleet's checks, every {@code checkInterval}: robots silent past the stale timeout are lost,
 * offers unanswered past the accept timeout are refused, runs past their timeout are stopped,
 * stored robots no process has heard from lately are marked offline, the jobs of robots not back
 * within their reconnect grace are handed back, and commands queued for robots here by other nodes
 * are sent (should their wake-up have been lost).
 *
 * <p>A round also runs when the next of those deadlines falls due, when that is sooner than the
 * interval: a job past its timeout, an offer past its accept timeout or a robot past its grace is
 * acted on within milliseconds of it, not up to a whole interval later.
 */
final class Watchdog implements AutoCloseable {
  private final Attached at;
  private final Sessions sessions;
  private final Handovers handovers;
  private final Reconnects reconnects;
  private static final Duration MIN_WAIT = Duration.ofMillis(10);

  private final Commands commands;
  private volatile @Nullable Duty duty;

  Watchdog(
      Attached at,
      Sessions sessions,
      Handovers handovers,
      Reconnects reconnects,
      Commands commands) {
    this.reconnects = reconnects;
    this.commands = commands;
    this.at = at;
    this.sessions = sessions;
    this.handovers = handovers;
  }

  void start() {
    Duration every = at.options().checkInterval();
    duty =
        Duty.virtual(
            "baton-fleet-check",
            every,
            () -> {
              check();
              return untilDue(at.now(), every);
            });
  }

  /** How long until the next offer, run or grace falls due, at most {@code every}. */
  Duration untilDue(Instant now, Duration every) {
    Instant next = now.plus(every);
    for (RobotSession s : sessions.open()) {
      for (RobotSession.Assignment a : s.offers()) {
        next = earlier(next, offerDue(a));
      }
      for (RobotSession.Assignment a : s.runs()) {
        next = earlier(next, runDue(a));
      }
    }
    next = earlier(next, reconnects.nextDue());
    // A deadline just passed (acted on by the next round) still waits a little: a clock that
    // stands still in a test must not spin the loop.
    Duration wait = Duration.between(now, next);
    return wait.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : wait;
  }

  private static Instant earlier(Instant a, @Nullable Instant b) {
    return b != null && b.isBefore(a) ? b : a;
  }

  /** When an offer not answered is refused. */
  private Instant offerDue(RobotSession.Assignment a) {
    return a.sentAt().plus(at.options().acceptTimeout());
  }

  /** When a run times out: its timeout after it was accepted; null while it is not accepted. */
  private static @Nullable Instant runDue(RobotSession.Assignment a) {
    Instant accepted = a.acceptedAt();
    return accepted == null ? null : accepted.plusSeconds(a.timeoutSeconds());
  }

  /**
   * One round of checks. Tests call this with a manual clock.
   *
   * @return how many robots and jobs it acted on
   */
  int check() {
    Instant now = at.now();
    Duration stale = at.options().staleTimeout();
    int acted = 0;
    for (RobotSession s : sessions.open()) {
      if (s.robot() == null) {
        continue;
      }
      if (s.silentPast(stale, now)) {
        handovers.lose(s, "no heartbeat for more than " + stale.toSeconds() + " s");
        s.close(1001, "stale: no heartbeat");
        acted++;
        continue;
      }
      for (RobotSession.Assignment a : s.offers()) {
        if (!offerDue(a).isAfter(now)) {
          handovers.refused(s, a, "Response timeout");
          acted++;
        }
      }
      for (RobotSession.Assignment a : s.runs()) {
        Instant due = runDue(a);
        if (due != null && !due.isAfter(now)) {
          handovers.timedOut(s, a);
          acted++;
        }
      }
    }
    for (Robot r : at.store().robots()) {
      if (!sessions.isConnected(r.id())
          && r.status() != RobotStatus.OFFLINE
          && r.status() != RobotStatus.MAINTENANCE
          && (r.lastHeartbeat() == null || r.lastHeartbeat().plus(stale).isBefore(now))) {
        at.store().putRobot(r.withStatus(RobotStatus.OFFLINE).withCurrentJobs(0));
        acted++;
      }
    }
    acted += reconnects.check(now);
    commands.deliverWaiting();
    return acted;
  }

  @Override
  public void close() {
    Duty d = duty;
    if (d != null) {
      d.close();
    }
  }
}
