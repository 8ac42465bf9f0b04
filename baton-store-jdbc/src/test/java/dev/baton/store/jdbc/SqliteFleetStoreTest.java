package dev.baton.store.jdbc;

import dev.baton.robot.FleetStoreContract;
import dev.baton.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteFleetStoreTest extends FleetStoreContract {
  @TempDir Path dir;

  @Override
  protected Store newStore() {
    return MigratedSqlite.at(dir.resolve("baton.db"));
  }
}
