package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between SQLite and PostgreSQL. Every other statement is the same SQL on both; the
 * schemas differ only in type names and identity columns (see {@code db/<name>/}).
 */
abstract sealed class Dialect permits SqliteDialect, PostgresDialect {

  /** The folder of the migration scripts: {@code db/<name>/V1__schema.sql}, ... */
  abstract String name();

  /**
   * Takes a lock that the connection's transaction holds, so two processes never migrate at once.
   * SQLite takes none: a file has one Baton process in practice, and SQLite serializes the writes
   * of Flyway's transactions anyway.
   */
  void lockForMigration(Connection c) throws SQLException {}

  /**
   * Appended to a SELECT that picks rows to lease (tasks by {@link TaskSql#claim}, notices by
   * {@link NoticeSql#claim}), so two processes never pick the same and never wait on each other.
   */
  String skipLocked() {
    return "";
  }
}
