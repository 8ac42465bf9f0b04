package dev.baton.store.jdbc;

import dev.baton.job.Job;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The jobs of one blueprint version that have not ended: what a compatibility check counts and a
 * migration moves. They are found through the {@code jobs_blueprint} index (one blueprint's jobs)
 * and filtered; a check or a migration is an operator's rare request, not a hot path.
 */
final class UnfinishedJobSql {
  private static final String UNFINISHED =
      "blueprint = ? AND blueprint_version = ?"
          + " AND status NOT IN ('finished', 'failed', 'quarantined', 'cancelled')";

  private UnfinishedJobSql() {}

  static Map<String, Long> countByState(Connection c, String blueprint, int version)
      throws SQLException {
    String sql = "SELECT state, count(*) FROM jobs WHERE " + UNFINISHED + " GROUP BY state";
    Map<String, Long> counts = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, blueprint);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counts;
  }

  /** By id, after {@code afterId}: keyset paging, so jobs that move away shift no page. */
  static List<Job> page(
      Connection c, String blueprint, int version, @Nullable String afterId, int limit)
      throws SQLException {
    String sql =
        "SELECT "
            + JobSql.COLUMNS
            + " FROM jobs WHERE "
            + UNFINISHED
            + (afterId == null ? "" : " AND id > ?")
            + " ORDER BY id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, blueprint);
      ps.setInt(i++, version);
      if (afterId != null) {
        ps.setString(i++, afterId);
      }
      ps.setInt(i, limit);
      return JobSql.readAll(ps);
    }
  }
}
