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

  /** The JSON text in {@code column} with the top-level {@code key} set to {@code value}. */
  abstract String jsonWithNumber(String column, String key, long value);

  /**
   * As {@link #skipLocked}, for a SELECT that joins other tables: locks and skips only the rows of
   * the table named {@code alias} (the fair claim's tasks, not the jobs and turns it reads).
   */
  String skipLockedOf(String alias) {
    return "";
  }

  /**
   * Tries to take the lock that makes claims of a capped task type one at a time across processes,
   * held by the connection's transaction until it commits: the claim counts the type's leased tasks
   * and takes within the room left, and no other process can do the same meanwhile. False when
   * another transaction holds it: the claim leaves the type out this time rather than wait
   * (claimers never wait on each other). SQLite has one writer, so its claims are one at a time
   * already.
   */
  boolean tryLockTypeCap(Connection c, String type) throws SQLException {
    return true;
  }

  /**
   * Tries to take the lock under which a transaction moves clients' fair-share turns, held until it
   * commits. False when another process's transaction holds it: the turns are then left as they are
   * this time (a client may be served once more before the others), rather than have claimers wait
   * on each other or two nodes lock turn rows in opposite orders (a deadlock).
   */
  boolean tryLockTurns(Connection c) throws SQLException {
    return true;
  }

  /**
   * Whether the writer inserts jobs and tasks with a plain INSERT, whose unique violation on a
   * taken id {@link ChangeSql} turns into a failed guard (rolled back to a savepoint), rather than
   * with {@code ON CONFLICT (id) DO NOTHING}, which counts 0. PostgreSQL does: its speculative
   * insert logs a confirmation record for every row (48 WAL bytes per job and per task). SQLite
   * does not: it logs pages, not rows.
   */
  boolean plainInserts() {
    return false;
  }
}
