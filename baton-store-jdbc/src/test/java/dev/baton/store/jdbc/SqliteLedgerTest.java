package dev.baton.store.jdbc;

import dev.baton.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

class SqliteLedgerTest extends JdbcLedgerContract {
  @TempDir Path dir;
  private Path file = Path.of("unset");

  @Override
  protected Store newStore() {
    file = dir.resolve("baton.db");
    return MigratedSqlite.at(file);
  }

  @Override
  protected JdbcStore reopen() {
    return JdbcStore.sqlite(file);
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }
}
