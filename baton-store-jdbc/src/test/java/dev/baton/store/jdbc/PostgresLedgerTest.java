package dev.baton.store.jdbc;

import dev.baton.store.Store;
import java.sql.Connection;
import java.sql.SQLException;

class PostgresLedgerTest extends JdbcLedgerContract {
  private TestPostgres.Database db = new TestPostgres.Database("unset", "", "");

  @Override
  protected Store newStore() {
    db = TestPostgres.newSchema();
    return db.openStore();
  }

  @Override
  protected JdbcStore reopen() {
    return db.openStore();
  }

  @Override
  protected Connection connect() throws SQLException {
    return db.connect();
  }
}
