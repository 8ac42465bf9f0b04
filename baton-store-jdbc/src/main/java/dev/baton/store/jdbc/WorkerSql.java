package dev.baton.store.jdbc;

import dev.baton.worker.Worker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The {@code workers} table: times are columns, task types and the info map are JSON. */
final class WorkerSql {
  private static final String COLUMNS = "id, registered_at, last_seen, expires_at, body";

  private WorkerSql() {}

  /** Inserts the worker or replaces the stored one. */
  static void put(Connection c, Worker w) throws SQLException {
    String sql =
        """
        INSERT INTO workers (id, registered_at, last_seen, expires_at, body)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET registered_at = excluded.registered_at,
               last_seen = excluded.last_seen, expires_at = excluded.expires_at,
               body = excluded.body\
        """;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("task_types", List.copyOf(new TreeSet<>(w.taskTypes())));
    body.put("info", w.info());
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, w.id());
      Sql.setInstant(ps, 2, w.registeredAt());
      Sql.setInstant(ps, 3, w.lastSeen());
      Sql.setInstant(ps, 4, w.expiresAt());
      ps.setString(5, Json.write(body));
      ps.executeUpdate();
    }
  }

  static Optional<Worker> byId(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM workers WHERE id = ?")) {
      ps.setString(1, id);
      return readAll(ps).stream().findFirst();
    }
  }

  /** In the order they registered. */
  static List<Worker> all(Connection c) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM workers ORDER BY registered_at, id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      return readAll(ps);
    }
  }

  private static List<Worker> readAll(PreparedStatement ps) throws SQLException {
    List<Worker> workers = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Map<String, Object> body = Json.read(rs.getString("body"));
        workers.add(
            new Worker(
                rs.getString("id"),
                Set.copyOf(Json.strings(body, "task_types")),
                Json.map(body, "info"),
                Sql.requiredInstant(rs, "registered_at"),
                Sql.requiredInstant(rs, "last_seen"),
                Sql.requiredInstant(rs, "expires_at")));
      }
    }
    return workers;
  }
}
