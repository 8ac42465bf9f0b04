package dev.baton.ledger;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Entries of one page, in the query's order, and the cursor of the next page: null when this page
 * was the last. Pass the cursor as {@link LedgerQuery#after} with the same filters and order.
 */
public record LedgerPage(List<LedgerEntry> entries, @Nullable Long next) {
  public LedgerPage {
    entries = List.copyOf(entries);
  }

  /** The page of {@code matching} (up to one more than the limit) that a query asked for. */
  public static LedgerPage of(List<LedgerEntry> matching, int limit) {
    if (matching.size() <= limit) {
      return new LedgerPage(matching, null);
    }
    List<LedgerEntry> page = matching.subList(0, limit);
    return new LedgerPage(page, page.get(limit - 1).seq());
  }
}
