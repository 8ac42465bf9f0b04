package dev.baton.robot;

import dev.baton.store.InMemoryStore;
import dev.baton.store.Store;

class InMemoryFleetStoreTest extends FleetStoreContract {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }
}
