package dev.baton.store.jdbc;

import java.sql.Connection;
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
  String skipLocked() {
    return " FOR UPDATE SKIP LOCKED";
  }
}
