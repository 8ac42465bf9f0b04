package dev.baton.store.jdbc;

import dev.baton.job.Notice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code notices} table: the outbox of webhooks and other notices about jobs. */
final class NoticeSql {
  static final String COLUMNS =
      "id, job_id, event, target, status, attempts, due_at, created_at, last_error, payload";

  static final String INSERT =
      "INSERT INTO notices ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (id) DO NOTHING";

  private NoticeSql() {}

  /** {@code payload} is the notice's payload as JSON ({@link ChangeJson}). */
  static void bindInsert(PreparedStatement ps, Notice n, String payload) throws SQLException {
    ps.setString(1, n.id());
    ps.setString(2, n.jobId());
    ps.setString(3, n.event());
    ps.setString(4, n.target());
    ps.setString(5, n.status().wireName());
    ps.setInt(6, n.attempts());
    Sql.setInstant(ps, 7, n.dueAt());
    Sql.setInstant(ps, 8, n.createdAt());
    Sql.setText(ps, 9, n.lastError());
    ps.setString(10, payload);
  }

  /** Due pending notices, leased until {@code leaseUntil} by moving their due time there. */
  static List<Notice> claim(
      Connection c, Dialect dialect, Instant now, Instant leaseUntil, int limit)
      throws SQLException {
    String pick =
        "SELECT id FROM notices WHERE status = 'pending' AND due_at <= ?"
            + " ORDER BY due_at, created_at, id LIMIT ?"
            + dialect.skipLocked();
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(pick)) {
      Sql.setInstant(ps, 1, now);
      ps.setInt(2, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    List<Notice> claimed = new ArrayList<>();
    for (String id : ids) {
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE notices SET due_at = ? WHERE id = ?")) {
        Sql.setInstant(ps, 1, leaseUntil);
        ps.setString(2, id);
        ps.executeUpdate();
      }
      byId(c, id).ifPresent(claimed::add);
    }
    return claimed;
  }

  static void update(Connection c, Notice n) throws SQLException {
    String sql =
        "UPDATE notices SET status = ?, attempts = ?, due_at = ?, last_error = ? WHERE id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, n.status().wireName());
      ps.setInt(2, n.attempts());
      Sql.setInstant(ps, 3, n.dueAt());
      Sql.setText(ps, 4, n.lastError());
      ps.setString(5, n.id());
      ps.executeUpdate();
    }
  }

  /** Read through the pending notices' partial index ({@code notices_due}). */
  static Optional<Instant> oldestPending(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT MIN(created_at) AS oldest FROM notices WHERE status = 'pending'");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(Sql.instant(rs, "oldest")) : Optional.empty();
    }
  }

  /**
   * One batch of retention: the oldest delivered notices enqueued before {@code before}. No index
   * serves it (the partial index holds only pending ones), so it scans the outbox; retention keeps
   * that table small, and the delivery duty runs it about once a minute.
   */
  static int pruneDelivered(Connection c, Instant before, int limit) throws SQLException {
    String sql =
        "DELETE FROM notices WHERE id IN (SELECT id FROM notices"
            + " WHERE status = 'delivered' AND created_at < ? ORDER BY created_at, id LIMIT ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.setInstant(ps, 1, before);
      ps.setInt(2, limit);
      return ps.executeUpdate();
    }
  }

  static Optional<Notice> byId(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM notices WHERE id = ?")) {
      ps.setString(1, id);
      return readAll(ps).stream().findFirst();
    }
  }

  static List<Notice> ofJob(Connection c, String jobId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT " + COLUMNS + " FROM notices WHERE job_id = ? ORDER BY created_at, id")) {
      ps.setString(1, jobId);
      return readAll(ps);
    }
  }

  private static List<Notice> readAll(PreparedStatement ps) throws SQLException {
    List<Notice> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Notice(
                rs.getString("id"),
                rs.getString("job_id"),
                rs.getString("event"),
                rs.getString("target"),
                Json.read(rs.getString("payload")),
                Notice.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getInt("attempts"),
                Sql.requiredInstant(rs, "due_at"),
                Sql.requiredInstant(rs, "created_at"),
                rs.getString("last_error")));
      }
    }
    return out;
  }
}
