package dev.baton.fleet;

import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;

class InMemoryRobotJobsTest extends RobotJobsContract {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
