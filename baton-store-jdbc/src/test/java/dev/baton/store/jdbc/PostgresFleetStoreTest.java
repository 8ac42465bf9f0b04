package dev.baton.store.jdbc;

import dev.baton.robot.FleetStoreContract;
import dev.baton.store.Store;

class PostgresFleetStoreTest extends FleetStoreContract {
  @Override
  protected Store newStore() {
    return TestPostgres.newSchema().openStore();
  }
}
