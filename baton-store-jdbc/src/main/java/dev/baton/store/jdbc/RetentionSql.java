package dev.baton.store.jdbc;

import dev.baton.job.Job;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What retention reads and deletes: see {@code RetentionStore}. */
final class RetentionSql {
  /** Every table that holds rows of a job, children first (the foreign keys point at jobs). */
  private static final List<String> OF_JOB =
      List.of("tasks", "job_transitions", "notices", "robot_runs", "job_logs");

  private RetentionSql() {}

  static List<Job> endedBefore(Connection c, Instant cutoff, int limit) throws SQLException {
    String sql =
        """
        SELECT %s FROM jobs
         WHERE status IN ('finished', 'failed', 'cancelled') AND created_at < ? AND updated_at < ?
         ORDER BY created_at
         LIMIT ?\
        """
            .formatted(JobSql.COLUMNS);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.setInstant(ps, 1, cutoff);
      Sql.setInstant(ps, 2, cutoff);
      ps.setInt(3, limit);
      return JobSql.readAll(ps);
    }
  }

  /**
   * Locks the jobs that are still at the version read (skipping any another transaction holds: a
   * job being resumed now is left for a later round), then deletes their rows in every table.
   */
  static int forgetJobs(Connection c, Dialect dialect, List<Job> jobs) throws SQLException {
    if (jobs.isEmpty()) {
      return 0;
    }
    Map<String, Long> read = new HashMap<>();
    jobs.forEach(j -> read.put(j.id(), j.version()));
    List<String> unchanged = new ArrayList<>();
    String lock =
        "SELECT id, version FROM jobs WHERE id IN ("
            + marks(jobs.size())
            + ")"
            + dialect.skipLocked();
    try (PreparedStatement ps = c.prepareStatement(lock)) {
      bindIds(ps, new ArrayList<>(read.keySet()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String id = rs.getString("id");
          if (Long.valueOf(rs.getLong("version")).equals(read.get(id))) {
            unchanged.add(id);
          }
        }
      }
    }
    if (unchanged.isEmpty()) {
      return 0;
    }
    String in = " WHERE job_id IN (" + marks(unchanged.size()) + ")";
    for (String table : OF_JOB) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + in)) {
        bindIds(ps, unchanged);
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM jobs WHERE id IN (" + marks(unchanged.size()) + ")")) {
      bindIds(ps, unchanged);
      return ps.executeUpdate();
    }
  }

  /** Moves the horizon forward (the database refuses to move it back), then deletes before it. */
  static long forgetLedger(Connection c, Instant before, long throughSeq) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE ledger_horizon SET before_at = ? WHERE id = 1 AND before_at < ?")) {
      Sql.setInstant(ps, 1, before);
      Sql.setInstant(ps, 2, before);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM ledger WHERE seq <= ? AND at < ?")) {
      ps.setLong(1, throughSeq);
      Sql.setInstant(ps, 2, before);
      return ps.executeUpdate();
    }
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  private static void bindIds(PreparedStatement ps, List<String> ids) throws SQLException {
    for (int i = 0; i < ids.size(); i++) {
      ps.setString(i + 1, ids.get(i));
    }
  }
}
