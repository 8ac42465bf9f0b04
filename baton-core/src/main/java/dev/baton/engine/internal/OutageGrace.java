package dev.baton.engine.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Holds back the expiry of leases after the store could not be reached: for one worker TTL, or for
 * as long as the outage lasted when that was longer. While the store is down, workers' and robots'
 * heartbeats cannot renew their leases, so once it is back every lease that ran out meanwhile looks
 * like a dead worker's: expiring them at once would hand running tasks to another worker (or offer
 * a robot's running job to it again) and run them twice. Within the grace the live ones renew by
 * heartbeat; what still has an expired lease after it belongs to a worker that really went away,
 * and goes back as before. Task deadlines wait too.
 *
 * <p>One TTL is enough only when renewals land at once. After a long outage they do not: every
 * result, create and schedule fire held back by it arrives together and queues before the renewals
 * in the store's writer (a chaos run with a 2 s TTL saw a robot's lease expire 2.2 s after its last
 * renewal that way, and its job offered to it again). That backlog grows with the outage, so the
 * grace does too.
 */
public final class OutageGrace {
  private final Duration ttl;
  private volatile @Nullable Instant firstFailure;
  private volatile boolean unreachable;
  private volatile @Nullable Instant expiryResumes;

  public OutageGrace(Duration ttl) {
    this.ttl = ttl;
  }

  /** The store failed a sweep at {@code now}. */
  public void storeFailed(Instant now) {
    if (firstFailure == null) {
      firstFailure = now;
    }
    unreachable = true;
  }

  /**
   * Whether leases may be expired at {@code now}; the first call after a failure starts the grace.
   */
  public boolean mayExpire(Instant now) {
    if (unreachable) {
      unreachable = false;
      Instant first = firstFailure;
      firstFailure = null;
      Duration outage = first == null ? Duration.ZERO : Duration.between(first, now);
      expiryResumes = now.plus(outage.compareTo(ttl) > 0 ? outage : ttl);
    }
    Instant resumes = expiryResumes;
    return resumes == null || !now.isBefore(resumes);
  }
}
