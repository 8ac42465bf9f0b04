package dev.baton.store.jdbc;

import static dev.baton.store.StoreFixtures.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.store.Change;
import dev.baton.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends JdbcStoreContract {
  @TempDir Path dir;
  private Path file = Path.of("unset");

  @Override
  protected Store newStore() {
    file = dir.resolve("data/nested/baton.db");
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

  @Test
  void theFileIsInWalModeWithStrictTables() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
      assertThatThrownBy(() ->
              s.executeUpdate(
                  "INSERT INTO workers (id, registered_at, last_seen, expires_at, body)"
                      + " VALUES ('w', 'soon', 0, 0, '{}')"))
          .hasMessageContaining("cannot store TEXT value in INTEGER column");
    }
  }

  @Test
  void aNewFileInFoldersThatDoNotExistIsCreatedAndMigrated() throws SQLException {
    Path fresh = dir.resolve("new/deeper/baton.db");
    try (JdbcStore s = JdbcStore.sqlite(fresh)) {
      assertThat(s.commit(Change.builder().insertJob(job("j")).build())).isTrue();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fresh);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + Migrations.HISTORY)) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Scripts.count());
    }
  }

  @Test
  void openChoosesSqliteByUrl() {
    store.close();
    try (JdbcStore s = JdbcStore.open("jdbc:sqlite:" + file, "", "")) {
      assertThat(s.commit(Change.builder().insertJob(job("j")).build())).isTrue();
    }
    assertThatThrownBy(() -> JdbcStore.open("jdbc:sqlite::memory:", "", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JdbcStore.open("jdbc:mysql://localhost/baton", "", ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:sqlite:");
  }
}
