package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.DefinitionStoreContract;
import dev.baton.ledger.Ledger;
import dev.baton.store.Store;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

class PostgresDefinitionStoreTest extends DefinitionStoreContract {
  private TestPostgres.Database db = new TestPostgres.Database("unset", "", "");

  @RegisterExtension final TestPostgres.Schemas schemas = new TestPostgres.Schemas();

  @Override
  protected Store newStore() {
    db = schemas.migratedSchema();
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
  void aSaveAndAMoveAreAnnouncedToOtherProcessesWhenTheyCommit() throws Exception {
    try (Connection c = db.connect();
        Statement listen = c.createStatement()) {
      listen.execute("LISTEN " + PostgresWakeups.CHANNEL);
      definitions.save(draft("orders", YAML).build());
      assertThat(payloads(c)).singleElement().asString().endsWith(" definitions 1");
      definitions.move("orders", 1, DefinitionStatus.PUBLISHED, "b", "api", T0);
      assertThat(payloads(c)).singleElement().asString().endsWith(" definitions 1");
    }
  }

  /** The notifications that arrived, waiting up to 10 s for the first. */
  private static List<String> payloads(Connection c) throws Exception {
    PGNotification[] notes = c.unwrap(PGConnection.class).getNotifications(10_000);
    return notes == null
        ? List.of()
        : java.util.Arrays.stream(notes).map(PGNotification::getParameter).toList();
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
