package dev.baton.engine.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Holds back the expiry of leases for one worker TTL after the store could not be reached. While
 * the store is down, workers' and robots' heartbeats cannot renew their leases, so once it is back
 * every lease that ran out meanwhile looks like a dead worker's: expiring them at once would hand
 * running tasks to another worker (or offer a robot's running job to it again) and run them twice.
 * Within the grace the live ones renew by heartbeat; what still has an expired lease after it
 * belongs to a worker that really went away, and goes back as before. Task deadlines wait too.
 */
public final class OutageGrace {
  private final Duration grace;
  private volatile boolean unreachable;
  private volatile @Nullable Instant expiryResumes;

  public OutageGrace(Duration grace) {
    this.grace = grace;
  }

  /** The store failed a sweep. */
  public void storeFailed() {
    unreachable = true;
  }

  /**
   * Whether leases may be expired at {@code now}; the first call after a failure starts the grace.
   */
  public boolean mayExpire(Instant now) {
    if (unreachable) {
      unreachable = false;
      expiryResumes = now.plus(grace);
    }
    Instant resumes = expiryResumes;
    return resumes == null || !now.isBefore(resumes);
  }
}
