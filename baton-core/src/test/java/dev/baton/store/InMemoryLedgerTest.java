package dev.baton.store;

import dev.baton.ledger.Ledger;

class InMemoryLedgerTest extends LedgerContract {
  @Override
  protected Store newStore() {
    return new InMemoryStore();
  }

  @Override
  protected Ledger ledgerOf(Store store) {
    return ((InMemoryStore) store).ledger();
  }
}
