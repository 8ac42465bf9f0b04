package dev.baton.fleet;

import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRobotJobsTest extends RobotJobsContract {
  @TempDir Path dir;

  @Override
  protected Store newStore() {
    return JdbcStore.sqlite(dir.resolve("baton.db"));
  }
}
