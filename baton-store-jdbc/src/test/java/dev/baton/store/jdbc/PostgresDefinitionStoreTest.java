package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.definition.DefinitionStore;
import dev.baton.definition.DefinitionStoreContract;
import dev.baton.ledger.Ledger;
import dev.baton.store.Store;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresDefinitionStoreTest extends DefinitionStoreContract {
  private TestPostgres.Database db = new TestPostgres.Database("unset", "", "");

  @Override
  protected Store newStore() {
    db = TestPostgres.newSchema();
    return db.openStore();
  }

  @Override
  protected DefinitionStore definitionsOf(Store store) {
    return ((JdbcStore) store).definitions();
  }

  @Override
  protected Ledger ledgerOf(Store store) {
    return ((JdbcStore) store).ledger();
  }

  @Test
  void twoProcessesSavingOneNameNeverShareAVersion() throws Exception {
    try (JdbcStore other = db.openStore()) {
      List<Integer> versions = saveConcurrently(definitions, other.definitions(), 8, 15);

      assertThat(versions).doesNotHaveDuplicates().hasSize(120);
      assertThat(definitions.versions("race")).hasSize(120);
    }
  }
}
