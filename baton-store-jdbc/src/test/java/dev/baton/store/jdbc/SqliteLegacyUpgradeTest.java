package dev.baton.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

class SqliteLegacyUpgradeTest extends LegacyUpgradeContract {
  @TempDir Path dir;

  @Override
  protected String dialect() {
    return "sqlite";
  }

  @Override
  protected Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("baton.db"));
  }

  @Override
  protected JdbcStore open() {
    return JdbcStore.sqlite(dir.resolve("baton.db"));
  }
}
