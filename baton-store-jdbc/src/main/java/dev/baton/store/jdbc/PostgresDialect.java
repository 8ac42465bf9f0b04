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
  String createSchemaVersionTable() {
    return """
    CREATE TABLE IF NOT EXISTS baton_schema_version (
      version     INTEGER PRIMARY KEY,
      description TEXT    NOT NULL,
      applied_at  BIGINT  NOT NULL
    )\
    """;
  }

  @Override
  void lockForMigration(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
    }
  }

  @Override
  String claim(int typeCount) {
    return """
    UPDATE tasks SET status = 'leased', worker_id = ?, lease_until = ?
     WHERE id IN (
       SELECT id FROM tasks
        WHERE status = 'queued' AND type IN (%s)
          AND (worker_id IS NULL OR worker_id = ?) AND visible_at <= ?
        ORDER BY priority DESC, visible_at, created_at, seq
        LIMIT ?
        FOR UPDATE SKIP LOCKED)
    RETURNING seq, %s\
    """
        .formatted(Sql.placeholders(typeCount), TaskSql.COLUMNS);
  }

  @Override
  String skipLocked() {
    return " FOR UPDATE SKIP LOCKED";
  }
}
