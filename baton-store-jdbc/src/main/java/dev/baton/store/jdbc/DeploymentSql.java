package dev.baton.store.jdbc;

import dev.baton.robot.Deployment;
import dev.baton.robot.DeploymentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code deployments} table: one row per workflow and robot. */
final class DeploymentSql {
  private static final String COLUMNS =
      "workflow_id, robot_id, version, status, reason, requested_at, updated_at";

  private DeploymentSql() {}

  static void put(Connection c, Deployment d) throws SQLException {
    String sql =
        """
        INSERT INTO deployments (workflow_id, robot_id, version, status, reason, requested_at,
                                 updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (workflow_id, robot_id) DO UPDATE SET version = excluded.version,
               status = excluded.status, reason = excluded.reason,
               requested_at = excluded.requested_at, updated_at = excluded.updated_at\
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, d.workflowId());
      ps.setString(2, d.robotId());
      ps.setInt(3, d.version());
      ps.setString(4, d.status().wireName());
      Sql.setText(ps, 5, d.reason());
      Sql.setInstant(ps, 6, d.requestedAt());
      Sql.setInstant(ps, 7, d.updatedAt());
      ps.executeUpdate();
    }
  }

  /** Guarded on the stored version and status: nothing changes if either moved meanwhile. */
  static boolean move(Connection c, Deployment expected, Deployment next) throws SQLException {
    String sql =
        """
        UPDATE deployments SET version = ?, status = ?, reason = ?, requested_at = ?,
               updated_at = ?
         WHERE workflow_id = ? AND robot_id = ? AND version = ? AND status = ?\
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, next.version());
      ps.setString(2, next.status().wireName());
      Sql.setText(ps, 3, next.reason());
      Sql.setInstant(ps, 4, next.requestedAt());
      Sql.setInstant(ps, 5, next.updatedAt());
      ps.setString(6, expected.workflowId());
      ps.setString(7, expected.robotId());
      ps.setInt(8, expected.version());
      ps.setString(9, expected.status().wireName());
      return ps.executeUpdate() == 1;
    }
  }

  static Optional<Deployment> one(Connection c, String workflowId, String robotId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM deployments WHERE workflow_id = ? AND robot_id = ?")) {
      ps.setString(1, workflowId);
      ps.setString(2, robotId);
      return readAll(ps).stream().findFirst();
    }
  }

  static List<Deployment> ofWorkflow(Connection c, String workflowId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM deployments WHERE workflow_id = ? ORDER BY robot_id")) {
      ps.setString(1, workflowId);
      return readAll(ps);
    }
  }

  static List<Deployment> toRobot(Connection c, String robotId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM deployments WHERE robot_id = ? ORDER BY workflow_id")) {
      ps.setString(1, robotId);
      return readAll(ps);
    }
  }

  static boolean delete(Connection c, String workflowId, String robotId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM deployments WHERE workflow_id = ? AND robot_id = ?")) {
      ps.setString(1, workflowId);
      ps.setString(2, robotId);
      return ps.executeUpdate() == 1;
    }
  }

  private static List<Deployment> readAll(PreparedStatement ps) throws SQLException {
    List<Deployment> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Deployment(
                rs.getString("workflow_id"),
                rs.getInt("version"),
                rs.getString("robot_id"),
                DeploymentStatus.fromWire(rs.getString("status")),
                rs.getString("reason"),
                Sql.requiredInstant(rs, "requested_at"),
                Sql.requiredInstant(rs, "updated_at")));
      }
    }
    return out;
  }
}
