package dev.baton.cluster;

import java.time.Instant;

/**
 * A node's lease on a singleton duty. The term grows by one every time the duty changes hands (or
 * its holder takes it back after letting it lapse), so a write stamped with an older term is
 * recognised as a stale leader's and refused ({@link dev.baton.store.Change.Fence}).
 *
 * @param duty what is led, e.g. {@code control-loop}
 * @param node who holds it
 * @param term the fencing token: higher is newer
 * @param until when the lease lapses unless renewed
 */
public record Lead(String duty, String node, long term, Instant until) {

  /** Whether the lease still holds at {@code now}. */
  public boolean holdsAt(Instant now) {
    return until.isAfter(now);
  }
}
