package dev.baton.store.jdbc;

import dev.baton.robot.Robot;
import dev.baton.robot.RobotStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code robots} table: status and times are columns, the rest of the robot is JSON. */
final class RobotSql {
  private static final String COLUMNS = "id, status, drained, registered_at, last_heartbeat, body";

  private RobotSql() {}

  static void put(Connection c, Robot r) throws SQLException {
    String sql =
        """
        INSERT INTO robots (id, status, drained, registered_at, last_heartbeat, body)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET status = excluded.status, drained = excluded.drained,
               registered_at = excluded.registered_at, last_heartbeat = excluded.last_heartbeat,
               body = excluded.body\
        """;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", r.name());
    body.put("environment", r.environment());
    body.put("max_concurrent_jobs", r.maxConcurrentJobs());
    body.put("current_jobs", r.currentJobs());
    body.put("capabilities", r.capabilities());
    body.put("tags", r.tags());
    body.put("metrics", r.metrics());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, r.id());
      ps.setString(2, r.status().wireName());
      ps.setInt(3, r.drained() ? 1 : 0);
      Sql.setInstant(ps, 4, r.registeredAt());
      Sql.setInstant(ps, 5, r.lastHeartbeat());
      ps.setString(6, Json.write(body));
      ps.executeUpdate();
    }
  }

  static Optional<Robot> byId(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM robots WHERE id = ?")) {
      ps.setString(1, id);
      return readAll(ps).stream().findFirst();
    }
  }

  static List<Robot> all(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM robots ORDER BY registered_at, id")) {
      return readAll(ps);
    }
  }

  private static List<Robot> readAll(PreparedStatement ps) throws SQLException {
    List<Robot> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Map<String, Object> body = Json.read(rs.getString("body"));
        out.add(
            new Robot(
                rs.getString("id"),
                Json.string(body, "name"),
                Json.string(body, "environment"),
                RobotStatus.fromWire(rs.getString("status")),
                Json.integer(body, "max_concurrent_jobs"),
                Json.integer(body, "current_jobs"),
                Json.map(body, "capabilities"),
                Json.strings(body, "tags"),
                Sql.instant(rs, "last_heartbeat"),
                Json.map(body, "metrics"),
                rs.getInt("drained") != 0,
                Sql.requiredInstant(rs, "registered_at")));
      }
    }
    return out;
  }
}
