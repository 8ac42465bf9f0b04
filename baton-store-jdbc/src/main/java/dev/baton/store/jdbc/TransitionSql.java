package dev.baton.store.jdbc;

import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@code job_transitions} table: a job's history, in insertion order ({@code seq}). */
final class TransitionSql {
  static final String INSERT =
      """
      INSERT INTO job_transitions (job_id, at, from_state, to_state, from_status, to_status, reason)
      VALUES (?, ?, ?, ?, ?, ?, ?)\
      """;

  private TransitionSql() {}

  static void bindInsert(PreparedStatement ps, JobTransition t) throws SQLException {
    JobStatus fromStatus = t.fromStatus();
    ps.setString(1, t.jobId());
    Sql.setInstant(ps, 2, t.at());
    Sql.setText(ps, 3, t.fromState());
    ps.setString(4, t.toState());
    Sql.setText(ps, 5, fromStatus == null ? null : fromStatus.wireName());
    ps.setString(6, t.toStatus().wireName());
    ps.setString(7, t.reason());
  }

  /** Oldest first. */
  static List<JobTransition> ofJob(Connection c, String jobId) throws SQLException {
    String sql =
        """
        SELECT job_id, at, from_state, to_state, from_status, to_status, reason
          FROM job_transitions WHERE job_id = ? ORDER BY seq\
        """;
    List<JobTransition> history = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          @Nullable String fromStatus = rs.getString("from_status");
          history.add(
              new JobTransition(
                  rs.getString("job_id"),
                  Sql.requiredInstant(rs, "at"),
                  rs.getString("from_state"),
                  rs.getString("to_state"),
                  fromStatus == null ? null : JobStatus.fromWire(fromStatus),
                  JobStatus.fromWire(rs.getString("to_status")),
                  rs.getString("reason")));
        }
      }
    }
    return history;
  }
}
