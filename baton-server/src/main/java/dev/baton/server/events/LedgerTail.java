package dev.baton.server.events;

import dev.baton.duty.Duty;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.ledger.LedgerQuery;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Publishes every ledger entry appended after it started on the {@code ledger} channel, by reading
 * the ledger past the last {@code seq} it published. The ledger is appended in the same transaction
 * as the change it records, so only committed entries are read, and entries written by any node of
 * a cluster sharing the store are seen.
 */
public final class LedgerTail implements AutoCloseable {
  private static final int PAGE = 500;

  private final Ledger ledger;
  private final EventHub hub;
  private long after;
  private @Nullable Duty duty;

  /** Starts past the newest entry now in the ledger: history is read with {@code GET /ledger}. */
  public LedgerTail(Ledger ledger, EventHub hub) {
    this.ledger = ledger;
    this.hub = hub;
    LedgerPage newest = ledger.read(LedgerQuery.newest(1));
    this.after = newest.entries().isEmpty() ? 0 : newest.entries().getFirst().seq();
  }

  /** Publishes the entries appended since the last round; how many. */
  public synchronized int round() {
    int published = 0;
    while (true) {
      LedgerPage page = ledger.read(LedgerQuery.oldest(PAGE).after(after));
      for (LedgerEntry e : page.entries()) {
        hub.publish(Channel.LEDGER.wireName(), e.type(), null, view(e));
        after = e.seq();
        published++;
      }
      if (page.entries().size() < PAGE) {
        return published;
      }
    }
  }

  static Map<String, @Nullable Object> view(LedgerEntry e) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("seq", e.seq());
    m.put("at", e.at().toString());
    m.put("type", e.type());
    m.put("source", e.source());
    m.put("severity", e.severity().wireName());
    m.put("job_id", e.jobId());
    m.put("details", e.details());
    return m;
  }

  /** Reads every {@code interval} on a virtual thread until closed. */
  public LedgerTail start(Duration interval) {
    duty =
        Duty.virtual(
            "baton-ledger-tail", interval, () -> round() == PAGE ? Duration.ZERO : interval);
    return this;
  }

  @Override
  public void close() {
    Duty d = duty;
    if (d != null) {
      d.close();
    }
  }
}
