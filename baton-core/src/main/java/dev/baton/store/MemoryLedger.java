package dev.baton.store;

import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.ledger.LedgerQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger of an {@link InMemoryStore}. Its entries also arrive through the store's commit
 * ({@link #appendLocked}, under the store's lock), so every method here takes that lock.
 */
final class MemoryLedger implements Ledger {
  private final Object lock;
  private final List<LedgerEntry> entries = new ArrayList<>();
  private long lastSeq;
  private Instant horizon = Instant.EPOCH;

  MemoryLedger(Object lock) {
    this.lock = lock;
  }

  @Override
  public LedgerEntry append(LedgerEntry entry) {
    synchronized (lock) {
      return appendLocked(entry);
    }
  }

  /** For a caller that holds the store's lock already. */
  LedgerEntry appendLocked(LedgerEntry entry) {
    LedgerEntry stored = entry.withSeq(++lastSeq);
    entries.add(stored);
    return stored;
  }

  /** For a caller that holds the store's lock: see {@link RetentionStore#forgetLedger}. */
  long forgetLocked(Instant before, long throughSeq) {
    if (before.isAfter(horizon)) {
      horizon = before;
    }
    int size = entries.size();
    entries.removeIf(e -> e.seq() <= throughSeq && e.at().isBefore(horizon));
    return size - entries.size();
  }

  @Override
  public LedgerPage read(LedgerQuery q) {
    synchronized (lock) {
      List<LedgerEntry> matching = new ArrayList<>();
      for (int i = 0; i < entries.size() && matching.size() <= q.limit(); i++) {
        LedgerEntry e = entries.get(q.newestFirst() ? entries.size() - 1 - i : i);
        boolean pastCursor =
            q.after() == 0 || (q.newestFirst() ? e.seq() < q.after() : e.seq() > q.after());
        if (pastCursor && q.matches(e)) {
          matching.add(e);
        }
      }
      return LedgerPage.of(matching, q.limit());
    }
  }

  @Override
  public long count(LedgerQuery q) {
    synchronized (lock) {
      return entries.stream().filter(q::matches).count();
    }
  }
}
