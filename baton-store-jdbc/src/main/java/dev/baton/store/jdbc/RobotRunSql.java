package dev.baton.store.jdbc;

import dev.baton.robot.RobotRun;
import dev.baton.robot.RunStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code robot_runs} table: one row per robot job, replaced when the job runs again. */
final class RobotRunSql {
  private RobotRunSql() {}

  static void put(Connection c, RobotRun r) throws SQLException {
    String sql =
        """
        INSERT INTO robot_runs (job_id, task_id, robot_id, accepted_at, finished_at, outcome,
                                updated_at, body)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (job_id) DO UPDATE SET task_id = excluded.task_id,
               robot_id = excluded.robot_id, accepted_at = excluded.accepted_at,
               finished_at = excluded.finished_at, outcome = excluded.outcome,
               updated_at = excluded.updated_at, body = excluded.body\
        """;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workflow_id", r.workflowId());
    body.put("progress", r.progress());
    body.put("current_node", r.currentNode());
    body.put("message", r.message());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, r.jobId());
      ps.setString(2, r.taskId());
      ps.setString(3, r.robotId());
      Sql.setInstant(ps, 4, r.acceptedAt());
      Sql.setInstant(ps, 5, r.finishedAt());
      Sql.setText(ps, 6, r.outcome());
      Sql.setInstant(ps, 7, r.updatedAt());
      ps.setString(8, Json.write(body));
      ps.executeUpdate();
    }
  }

  /**
   * Ends a run in place, as {@link RobotRun#finished}: the columns, and the body's progress set to
   * 100 by the database's JSON function when the run completed (the rest of the body is kept).
   */
  static void finish(Connection c, Dialect d, String jobId, String outcome, Instant at)
      throws SQLException {
    String sql =
        "UPDATE robot_runs SET finished_at = ?, outcome = ?, updated_at = ?, body = CASE WHEN ?"
            + " THEN "
            + d.jsonWithNumber("body", "progress", 100)
            + " ELSE body END WHERE job_id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.setInstant(ps, 1, at);
      ps.setString(2, outcome);
      Sql.setInstant(ps, 3, at);
      ps.setBoolean(4, "completed".equals(outcome));
      ps.setString(5, jobId);
      ps.executeUpdate();
    }
  }

  static Optional<RobotRun> byJob(Connection c, String jobId) throws SQLException {
    String sql =
        "SELECT job_id, task_id, robot_id, accepted_at, finished_at, outcome, updated_at, body"
            + " FROM robot_runs WHERE job_id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, jobId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Map<String, Object> body = Json.read(rs.getString("body"));
        return Optional.of(
            new RobotRun(
                rs.getString("job_id"),
                rs.getString("task_id"),
                rs.getString("robot_id"),
                Json.optString(body, "workflow_id"),
                Sql.instant(rs, "accepted_at"),
                Json.integer(body, "progress"),
                Json.optString(body, "current_node"),
                Json.optString(body, "message"),
                Sql.instant(rs, "finished_at"),
                rs.getString("outcome"),
                Sql.requiredInstant(rs, "updated_at")));
      }
    }
  }

  static RunStats stats(Connection c, Instant since) throws SQLException {
    String sql =
        """
        SELECT
          SUM(CASE WHEN outcome = 'completed' THEN 1 ELSE 0 END),
          SUM(CASE WHEN outcome IN ('failed', 'timeout') THEN 1 ELSE 0 END),
          AVG(CASE WHEN outcome = 'completed' AND accepted_at IS NOT NULL
                   THEN finished_at - accepted_at END)
          FROM robot_runs WHERE finished_at >= ?\
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, since.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new RunStats(rs.getLong(1), rs.getLong(2), rs.getDouble(3));
      }
    }
  }

  static void countSuccess(Connection c, String robotId, String workflowId) throws SQLException {
    String sql =
        """
        INSERT INTO robot_successes (workflow_id, robot_id, successes) VALUES (?, ?, 1)
        ON CONFLICT (workflow_id, robot_id)
        DO UPDATE SET successes = robot_successes.successes + 1\
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, workflowId);
      ps.setString(2, robotId);
      ps.executeUpdate();
    }
  }

  static Map<String, Long> successes(Connection c, String workflowId) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT robot_id, successes FROM robot_successes WHERE workflow_id = ?")) {
      ps.setString(1, workflowId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }
}
