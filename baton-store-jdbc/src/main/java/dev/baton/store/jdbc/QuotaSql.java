package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The {@code quota_usage} table: one row per holder and period, counted up to the limit. */
final class QuotaSql {
  private QuotaSql() {}

  /**
   * Units left after using {@code units}, or -1 when fewer were left; see {@code
   * QuotaStore.consumeQuota}.
   */
  static long consume(Connection c, String holder, String period, long limit, long units)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO quota_usage (holder, period, used) VALUES (?, ?, 0)"
                + " ON CONFLICT (holder, period) DO NOTHING")) {
      ps.setString(1, holder);
      ps.setString(2, period);
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
}
