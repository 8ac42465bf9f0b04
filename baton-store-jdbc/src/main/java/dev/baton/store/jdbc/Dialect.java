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

  /** Creates {@code baton_schema_version} if it is missing. */
  abstract String createSchemaVersionTable();

  /** Called first in the migration transaction, so two processes never migrate at once. */
  void lockForMigration(Connection c) throws SQLException {}

  /**
   * Leases up to {@code limit} visible, queued tasks of the given types that are unassigned or
   * assigned to the claimer, highest priority first, then oldest. Parameters: worker, lease until,
   * the {@code typeCount} types, worker, now, limit. Returns {@link TaskSql#COLUMNS} and {@code
   * seq}, in no particular order.
   */
  abstract String claim(int typeCount);

  /** Appended to a SELECT that picks rows to lease, so two processes never pick the same. */
  String skipLocked() {
    return "";
  }
}
