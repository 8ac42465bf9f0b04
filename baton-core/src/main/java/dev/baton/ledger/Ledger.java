package dev.baton.ledger;

/**
 * Where the ledger is kept: appended to, never changed. A durable store keeps it in the same
 * database as the jobs, so that job transitions go in with the transition (see {@link
 * dev.baton.store.Change.AppendLedger}). Thread-safe.
 */
public interface Ledger {

  /**
   * Appends an entry; returns it with its {@code seq}. Returns once it is durable.
   *
   * @throws dev.baton.store.StoreException when the store failed; nothing was appended
   */
  LedgerEntry append(LedgerEntry entry);

  /** A page of entries matching the query, in its order, starting past its cursor. */
  LedgerPage read(LedgerQuery query);

  /** How many entries match the query's filters (its cursor and limit are ignored). */
  long count(LedgerQuery query);
}
