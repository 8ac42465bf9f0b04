package dev.baton.store.jdbc;

/**
 * SQLite: one writer at a time anyway, so a claim needs no row locks; the single write connection
 * runs it inside the writer's {@code BEGIN IMMEDIATE} transaction.
 */
final class SqliteDialect extends Dialect {

  @Override
  String name() {
    return "sqlite";
  }

  @Override
  String createSchemaVersionTable() {
    return """
    CREATE TABLE IF NOT EXISTS baton_schema_version (
      version     INTEGER PRIMARY KEY,
      description TEXT    NOT NULL,
      applied_at  INTEGER NOT NULL
    ) STRICT\
    """;
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
        LIMIT ?)
    RETURNING seq, %s\
    """
        .formatted(Sql.placeholders(typeCount), TaskSql.COLUMNS);
  }
}
