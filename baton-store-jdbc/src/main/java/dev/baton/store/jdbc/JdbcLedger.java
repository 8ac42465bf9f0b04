package dev.baton.store.jdbc;

import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.ledger.LedgerQuery;

/**
 * The ledger in the store's database. An append goes through the store's group-commit writer, so it
 * costs its caller about one commit and shares the transaction with whatever else is queued.
 */
final class JdbcLedger implements Ledger {
  private final JdbcStore store;

  JdbcLedger(JdbcStore store) {
    this.store = store;
  }

  @Override
  public LedgerEntry append(LedgerEntry entry) {
    return store.write(c -> LedgerSql.append(c, entry));
  }

  @Override
  public LedgerPage read(LedgerQuery query) {
    return store.read(c -> LedgerSql.page(c, query));
  }

  @Override
  public long count(LedgerQuery query) {
    return store.read(c -> LedgerSql.count(c, query));
  }
}
