package dev.baton.store.jdbc;

import dev.baton.job.Task;
import dev.baton.store.QueueDepth;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fleet dispatcher's view of the {@code tasks} table: a look at the head of the queue (by the
 * claim index {@code tasks_claim}: priority, then age) and the claim of one chosen task.
 */
final class TaskQueueSql {
  private TaskQueueSql() {}

  static List<Task> queued(Connection c, List<String> types, Instant now, int limit)
      throws SQLException {
    if (types.isEmpty()) {
      return List.of();
    }
    String sql =
        """
        SELECT seq, %s FROM tasks
         WHERE status = 'queued' AND type IN (%s) AND visible_at <= ?
         ORDER BY priority DESC, visible_at, created_at, seq
         LIMIT ?\
        """
            .formatted(TaskSql.COLUMNS, Sql.placeholders(types.size()));
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      for (String type : types) {
        ps.setString(i++, type);
      }
      ps.setLong(i++, now.toEpochMilli());
      ps.setInt(i, limit);
      return TaskSql.readAll(ps);
    }
  }

  /** Uses the partial claim index {@code tasks_claim} (status = 'queued'). */
  static List<QueueDepth> depths(Connection c, Instant now) throws SQLException {
    String sql =
        """
        SELECT type, priority, count(*), min(visible_at) FROM tasks
         WHERE status = 'queued' AND visible_at <= ?
         GROUP BY type, priority ORDER BY type, priority\
        """;
    List<QueueDepth> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, now.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new QueueDepth(
                  rs.getString(1),
                  rs.getInt(2),
                  rs.getLong(3),
                  Instant.ofEpochMilli(rs.getLong(4))));
        }
      }
    }
    return out;
  }

  /** Uses the partial index {@code tasks_lease} (status = 'leased'). */
  static Map<String, Long> leasedCounts(Connection c, List<String> types) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    if (types.isEmpty()) {
      return out;
    }
    String sql =
        "SELECT type, count(*) FROM tasks WHERE status = 'leased' AND type IN ("
            + Sql.placeholders(types.size())
            + ") GROUP BY type";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < types.size(); i++) {
        ps.setString(i + 1, types.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /** The task's type, or null for no such task. */
  static @Nullable String typeOf(Connection c, String taskId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT type FROM tasks WHERE id = ?")) {
      ps.setString(1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The status guard makes a second claimer (or node) find nothing. */
  static Optional<Task> claim(Connection c, String taskId, String workerId, Instant leaseUntil)
      throws SQLException {
    String sql =
        """
        UPDATE tasks SET status = 'leased', worker_id = ?, lease_until = ?
         WHERE id = ? AND status = 'queued' AND (worker_id IS NULL OR worker_id = ?)
        RETURNING %s\
        """
            .formatted(TaskSql.COLUMNS);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, workerId);
      ps.setLong(2, leaseUntil.toEpochMilli());
      ps.setString(3, taskId);
      ps.setString(4, workerId);
      List<Task> got = TaskSql.readAll(ps);
      return got.stream().findFirst();
    }
  }

  static long jobsCreatedSince(Connection c, String blueprint, Instant since) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT count(*) FROM jobs WHERE blueprint = ? AND created_at >= ?")) {
      ps.setString(1, blueprint);
      ps.setLong(2, since.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
