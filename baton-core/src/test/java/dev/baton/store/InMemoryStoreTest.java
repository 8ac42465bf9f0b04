package dev.baton.store;

class InMemoryStoreTest extends StoreContract {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }

  @Override
  protected dev.baton.ledger.Ledger ledgerOf(Store store) {
    return ((InMemoryStore) store).ledger();
  }
}
