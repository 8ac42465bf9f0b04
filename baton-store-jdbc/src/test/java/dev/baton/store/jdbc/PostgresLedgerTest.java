package dev.baton.store.jdbc;

import dev.baton.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresLedgerTest extends JdbcLedgerContract {
  private TestPostgres.Database db = new TestPostgres.Database("unset", "", "");

  @RegisterExtension final TestPostgres.Schemas schemas = new TestPostgres.Schemas();

  @Override
  protected Store newStore() {
    db = schemas.migratedSchema();
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
