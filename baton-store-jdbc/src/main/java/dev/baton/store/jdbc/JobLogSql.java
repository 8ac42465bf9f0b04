package dev.baton.store.jdbc;

import dev.baton.robot.JobLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code job_logs} table: what robots logged, in arrival order ({@code seq}). */
final class JobLogSql {
  private JobLogSql() {}

  static void append(Connection c, List<JobLog> logs) throws SQLException {
    String sql = "INSERT INTO job_logs (job_id, robot_id, at, level, body) VALUES (?, ?, ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (JobLog l : logs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", l.message());
        body.put("node_id", l.nodeId());
        body.put("extra", l.extra());
        ps.setString(1, l.jobId());
        ps.setString(2, l.robotId());
        ps.setLong(3, l.at().toEpochMilli());
        ps.setString(4, l.level());
        ps.setString(5, Json.write(body));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static List<JobLog> ofJob(Connection c, String jobId, int offset, int limit) throws SQLException {
    String sql =
        "SELECT job_id, robot_id, at, level, body FROM job_logs WHERE job_id = ?"
            + " ORDER BY seq LIMIT ? OFFSET ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, jobId);
      ps.setInt(2, limit);
      ps.setInt(3, offset);
      return lines(ps);
    }
  }

  /** The newest lines, read backwards along the (job_id, seq) index and turned oldest first. */
  static List<JobLog> newestOfJob(Connection c, String jobId, int limit) throws SQLException {
    String sql =
        "SELECT job_id, robot_id, at, level, body FROM job_logs WHERE job_id = ?"
            + " ORDER BY seq DESC LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, jobId);
      ps.setInt(2, limit);
      return lines(ps).reversed();
    }
  }

  private static List<JobLog> lines(PreparedStatement ps) throws SQLException {
    List<JobLog> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Map<String, Object> body = Json.read(rs.getString("body"));
        out.add(
            new JobLog(
                rs.getString("job_id"),
                rs.getString("robot_id"),
                Sql.requiredInstant(rs, "at"),
                rs.getString("level"),
                Json.string(body, "message"),
                Json.optString(body, "node_id"),
                Json.map(body, "extra")));
      }
    }
    return out;
  }
}
