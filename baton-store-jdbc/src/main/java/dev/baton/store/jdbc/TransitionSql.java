package dev.baton.store.jdbc;

import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A job's history. Since V12 a transition is written once, as its job's ledger entry (type {@code
 * job.<status>}, source {@code engine}, the transition in its details); until V12 it was also a row
 * of {@code job_transitions}, so a job older than V12 has its first steps there, and their ledger
 * twins are the entries up to {@code history_cutover.ledger_seq}, which are not read twice.
 */
final class TransitionSql {
  /** The ledger types of transitions, one per job status: other {@code job.*} entries are not. */
  private static final List<String> TYPES =
      Arrays.stream(JobStatus.values()).map(s -> "job." + s.wireName()).toList();

  private TransitionSql() {}

  /** Oldest first; none once the job is gone (its ledger entries stay, as the ledger's). */
  static List<JobTransition> ofJob(Connection c, String jobId) throws SQLException {
    List<JobTransition> history = new ArrayList<>(beforeCutover(c, jobId));
    String sql =
        """
        SELECT %s FROM ledger
         WHERE job_id = ? AND seq > (SELECT ledger_seq FROM history_cutover)
           AND source = 'engine' AND type IN (%s)
           AND EXISTS (SELECT 1 FROM jobs WHERE id = ?)
         ORDER BY seq\
        """
            .formatted(LedgerSql.COLUMNS, Sql.placeholders(TYPES.size()));
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setString(i++, jobId);
      for (String type : TYPES) {
        ps.setString(i++, type);
      }
      ps.setString(i, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LedgerSql.read(rs).transition().ifPresent(history::add);
        }
      }
    }
    return history;
  }

  private static List<JobTransition> beforeCutover(Connection c, String jobId) throws SQLException {
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
          history.add(
              new JobTransition(
                  rs.getString("job_id"),
                  Sql.requiredInstant(rs, "at"),
                  rs.getString("from_state"),
                  rs.getString("to_state"),
                  status(rs.getString("from_status")),
                  JobStatus.fromWire(rs.getString("to_status")),
                  rs.getString("reason")));
        }
      }
    }
    return history;
  }

  private static @Nullable JobStatus status(@Nullable String wire) {
    return wire == null ? null : JobStatus.fromWire(wire);
  }
}
