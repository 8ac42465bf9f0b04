package dev.baton.server.events;

import dev.baton.duty.Duty;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.ledger.LedgerQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Publishes every ledger entry appended after it started on the {@code ledger} channel, by reading
 * the ledger past the last {@code seq} it published. The ledger is appended in the same transaction
 * as the change it records, so only committed entries are read, and entries written by any node of
 * a cluster sharing the store are seen.
 *
 * <p>On PostgreSQL a {@code seq} is taken when the row is inserted, not when its transaction
 * commits: a transaction holding seq 10 may commit after another one's 11 was read. So the seqs
 * skipped below the newest read are kept as holes and read again each round (one query per run of
 * adjacent holes), and an entry that fills one is published late rather than never. A seq stays a
 * hole for {@link #HORIZON}, then is given up: a rolled-back transaction leaves a seq that never
 * fills, and no append's transaction stays open that long. At most {@link #MAX_HOLES} are kept (a
 * larger jump, such as a restored database, is taken as it is).
 */
public final class LedgerTail implements AutoCloseable {
  /** How long a skipped seq is looked for again before it is taken as rolled back. */
  public static final Duration HORIZON = Duration.ofSeconds(30);

  static final int MAX_HOLES = 10_000;
  private static final int PAGE = 500;

  /** Runs of holes read again per round: the oldest first. */
  private static final int RUNS_PER_ROUND = 16;

  private final Ledger ledger;
  private final EventHub hub;
  private final Clock clock;

  /** Skipped seqs below {@link #after}, with when each was first skipped. */
  private final TreeMap<Long, Instant> holes = new TreeMap<>();

  private long after;
  private @Nullable Duty duty;

  /** Starts past the newest entry now in the ledger: history is read with {@code GET /ledger}. */
  public LedgerTail(Ledger ledger, EventHub hub) {
    this(ledger, hub, Clock.systemUTC());
  }

  /** As above, timing the holes' horizon on {@code clock}. */
  public LedgerTail(Ledger ledger, EventHub hub, Clock clock) {
    this.ledger = ledger;
    this.hub = hub;
    this.clock = clock;
    LedgerPage newest = ledger.read(LedgerQuery.newest(1));
    this.after = newest.entries().isEmpty() ? 0 : newest.entries().getFirst().seq();
  }

  /** Publishes the entries appended since the last round, and holes filled since; how many. */
  public synchronized int round() {
    int published = fillHoles();
    Instant now = clock.instant();
    while (true) {
      LedgerPage page = ledger.read(LedgerQuery.oldest(PAGE).after(after));
      for (LedgerEntry e : page.entries()) {
        skip(after + 1, e.seq(), now);
        publish(e);
        after = e.seq();
        published++;
      }
      if (page.entries().size() < PAGE) {
        return published;
      }
    }
  }

  /** Keeps the seqs from {@code from} up to (not including) {@code to} as holes. */
  private void skip(long from, long to, Instant now) {
    if (to - from > MAX_HOLES - holes.size()) {
      return;
    }
    for (long seq = from; seq < to; seq++) {
      holes.put(seq, now);
    }
  }

  /** Reads the holes again, publishing those that were filled; gives up the ones too old. */
  private int fillHoles() {
    Instant oldest = clock.instant().minus(HORIZON);
    holes.values().removeIf(skipped -> skipped.isBefore(oldest));
    int published = 0;
    int runs = 0;
    for (long[] run : runs()) {
      if (runs++ == RUNS_PER_ROUND) {
        break;
      }
      long first = run[0];
      int length = (int) Math.min(run[1] - first + 1, LedgerQuery.MAX_LIMIT);
      LedgerPage page = ledger.read(LedgerQuery.oldest(length).after(first - 1));
      for (LedgerEntry e : page.entries()) {
        if (holes.remove(e.seq()) != null) {
          publish(e);
          published++;
        }
      }
    }
    return published;
  }

  /** The holes as runs of adjacent seqs, {@code [first, last]}, oldest first. */
  private List<long[]> runs() {
    List<long[]> out = new ArrayList<>();
    Iterator<Long> it = holes.keySet().iterator();
    long[] run = null;
    while (it.hasNext()) {
      long seq = it.next();
      if (run != null && seq == run[1] + 1 && seq - run[0] < LedgerQuery.MAX_LIMIT) {
        run[1] = seq;
      } else {
        run = new long[] {seq, seq};
        out.add(run);
      }
    }
    return out;
  }

  /** Seqs skipped and still looked for (their transactions may yet commit). */
  public synchronized int holes() {
    return holes.size();
  }

  private void publish(LedgerEntry e) {
    hub.publish(Channel.LEDGER.wireName(), e.type(), null, view(e));
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
