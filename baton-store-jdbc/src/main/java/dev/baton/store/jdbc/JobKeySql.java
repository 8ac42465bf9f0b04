package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code job_keys} table: idempotency keys and de-duplication hashes. Runs in the writer's
 * transaction, so taking a key is atomic between callers (and, on PostgreSQL, the row lock of the
 * upsert keeps two nodes apart).
 */
final class JobKeySql {
  private JobKeySql() {}

  /** See {@code FleetStore.claimKey}: empty when taken for {@code owner}, else the holder. */
  static Optional<String> claim(
      Connection c, String key, String owner, Instant now, @Nullable Instant expiresAt)
      throws SQLException {
    // Takes the key when it is free or expired; a live holder keeps it and the update does nothing.
    String sql =
        """
        INSERT INTO job_keys (key_name, owner, expires_at) VALUES (?, ?, ?)
        ON CONFLICT (key_name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE job_keys.expires_at IS NOT NULL AND job_keys.expires_at <= ?\
        """;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      ps.setString(2, owner);
      Sql.setInstant(ps, 3, expiresAt);
      ps.setLong(4, now.toEpochMilli());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT owner FROM job_keys WHERE key_name = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        String holder = rs.getString(1);
        return holder.equals(owner) ? Optional.empty() : Optional.of(holder);
      }
    }
  }

  static void move(Connection c, String key, String from, String to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE job_keys SET owner = ? WHERE key_name = ? AND owner = ?")) {
      ps.setString(1, to);
      ps.setString(2, key);
      ps.setString(3, from);
      ps.executeUpdate();
    }
  }

  static void release(Connection c, String key, String owner) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM job_keys WHERE key_name = ? AND owner = ?")) {
      ps.setString(1, key);
      ps.setString(2, owner);
      ps.executeUpdate();
    }
  }
}
