package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The {@code quota_usage} table: one row per holder and period, counted up to the limit; a row
 * whose period ends ({@code ends_at}) is deleted once it has passed.
 */
final class QuotaSql {
  private QuotaSql() {}

  /**
   * Units left after using {@code units}, or -1 when fewer were left; see {@code
   * QuotaStore.consumeQuota}.
   */
  static long consume(
      Connection c, String holder, String period, long limit, long units, @Nullable Instant endsAt)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO quota_usage (holder, period, used, ends_at) VALUES (?, ?, 0, ?)"
                + " ON CONFLICT (holder, period) DO NOTHING")) {
      ps.setString(1, holder);
      ps.setString(2, period);
      Sql.setInstant(ps, 3, endsAt);
      ps.executeUpdate();
    }
    // The guard "used + units <= limit" in the update itself keeps racing callers from
    // overspending.
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE quota_usage SET used = used + ?"
                + " WHERE holder = ? AND period = ? AND used <= ? - ? RETURNING used")) {
      ps.setLong(1, units);
      ps.setString(2, holder);
      ps.setString(3, period);
      ps.setLong(4, limit);
      ps.setLong(5, units);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? limit - rs.getLong(1) : -1;
      }
    }
  }

  /**
   * Deletes at most {@code limit} rows whose period ended at or before {@code now}, those that
   * ended first first: one short write (the partial index on {@code ends_at} finds them), however
   * many have piled up.
   */
  static int forgetPassed(Connection c, Instant now, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            DELETE FROM quota_usage
             WHERE (holder, period) IN (SELECT holder, period FROM quota_usage
                                         WHERE ends_at IS NOT NULL AND ends_at <= ?
                                         ORDER BY ends_at LIMIT ?)\
            """)) {
      Sql.setInstant(ps, 1, now);
      ps.setInt(2, limit);
      return ps.executeUpdate();
    }
  }
}
