package dev.baton.store.jdbc;

import dev.baton.robot.FleetStoreContract;
import dev.baton.store.Store;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresFleetStoreTest extends FleetStoreContract {
  @RegisterExtension final TestPostgres.Schemas schemas = new TestPostgres.Schemas();

  @Override
  protected Store newStore() {
    return schemas.migratedSchema().openStore();
  }
}
