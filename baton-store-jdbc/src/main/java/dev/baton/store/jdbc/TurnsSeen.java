package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Whether any client has a fair-share turn in the store yet. Until one has, no job has been served
 * for a client, so a claim takes the plain queue order and skips the join with jobs and turns:
 * without clients, fair share costs a claim nothing but a look at {@code client_turns}, and that at
 * most once a second. Turns are never deleted, so once seen they stay seen. Another node's first
 * turn is seen within that second; meanwhile this node's claims keep the queue order.
 */
final class TurnsSeen {
  private static final long RECHECK_NANOS = 1_000_000_000L;

  private volatile boolean seen;
  private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;

  boolean any(Connection c) throws SQLException {
    if (seen) {
      return true;
    }
    long now = System.nanoTime();
    if (now - checkedAt < RECHECK_NANOS) {
      return false;
    }
    checkedAt = now;
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM client_turns LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      seen = rs.next();
    }
    return seen;
  }

  /** This process recorded a turn. */
  void saw() {
    seen = true;
  }
}
