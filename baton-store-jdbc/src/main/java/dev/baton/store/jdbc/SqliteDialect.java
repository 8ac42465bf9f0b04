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
  String jsonWithNumber(String column, String key, long value) {
    return "json_set(" + column + ", '$." + key + "', " + value + ")";
  }
}
