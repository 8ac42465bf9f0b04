package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

class PostgresLegacyUpgradeTest extends LegacyUpgradeContract {
  private final TestPostgres.Database db = TestPostgres.newSchema();

  @Override
  protected String dialect() {
    return "postgres";
  }

  @Override
  protected Connection connect() throws SQLException {
    return db.connect();
  }

  @Override
  protected JdbcStore open() {
    return db.openStore();
  }
}
