package dev.baton.fleet;

import dev.baton.store.Store;
import dev.baton.store.jdbc.TestPostgres;

class PostgresRobotJobsTest extends RobotJobsContract {
  @Override
  protected Store newStore() {
    return TestPostgres.newSchema().openStore();
  }
}
