package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL: several Baton processes may share the database, so a claim locks the rows it picks
 * and skips rows another transaction holds ({@code FOR UPDATE SKIP LOCKED}): a task is never handed
 * out twice and claimers never wait on each other.
 */
final class PostgresDialect extends Dialect {
  /** Any constant works; it only has to be the same in every Baton process. */
  private static final long MIGRATION_LOCK = 0x4261746f6eL; // "Baton"

  /** The first key of the per-type cap locks (the second is the type's hash): "Capt". */
  private static final int TYPE_CAP_LOCK = 0x43617074;

  /** The lock of the clients' fair-share turns: "Turns". */
  private static final long TURNS_LOCK = 0x5475726e73L;

  @Override
  String name() {
    return "postgres";
  }

  @Override
  void lockForMigration(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
    }
  }

  @Override
  boolean plainInserts() {
    return true;
  }

  @Override
  String skipLocked() {
    return " FOR UPDATE SKIP LOCKED";
  }

  @Override
  String jsonWithNumber(String column, String key, long value) {
    return "jsonb_set(" + column + "::jsonb, '{" + key + "}', '" + value + "')::text";
  }

  @Override
  String skipLockedOf(String alias) {
    return " FOR UPDATE OF " + alias + " SKIP LOCKED";
  }

  /**
   * An advisory lock in the transaction, keyed by the type's hash under a constant of its own (two
   * types of one hash only share a lock, which costs a skipped claim, never a wrong count).
   */
  /** An advisory lock in the transaction; the same transaction may take it again. */
  @Override
  boolean tryLockTurns(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(" + TURNS_LOCK + ")")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  @Override
  boolean tryLockTypeCap(Connection c, String type) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT pg_try_advisory_xact_lock(" + TYPE_CAP_LOCK + ", hashtext(?))")) {
      ps.setString(1, type);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
