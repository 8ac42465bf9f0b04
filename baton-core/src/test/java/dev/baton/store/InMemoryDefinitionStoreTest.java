package dev.baton.store;

import dev.baton.definition.DefinitionStore;
import dev.baton.definition.DefinitionStoreContract;
import dev.baton.ledger.Ledger;

class InMemoryDefinitionStoreTest extends DefinitionStoreContract {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }

  @Override
  protected DefinitionStore definitionsOf(Store store) {
    return ((InMemoryStore) store).definitions();
  }

  @Override
  protected Ledger ledgerOf(Store store) {
    return ((InMemoryStore) store).ledger();
  }
}
