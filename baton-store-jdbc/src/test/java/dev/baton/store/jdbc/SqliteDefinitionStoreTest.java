package dev.baton.store.jdbc;

import dev.baton.definition.DefinitionStore;
import dev.baton.definition.DefinitionStoreContract;
import dev.baton.ledger.Ledger;
import dev.baton.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteDefinitionStoreTest extends DefinitionStoreContract {
  @TempDir Path dir;

  @Override
  protected Store newStore() {
    return MigratedSqlite.at(dir.resolve("baton.db"));
  }

  @Override
  protected DefinitionStore definitionsOf(Store store) {
    return ((JdbcStore) store).definitions();
  }

  @Override
  protected Ledger ledgerOf(Store store) {
    return ((JdbcStore) store).ledger();
  }
}
