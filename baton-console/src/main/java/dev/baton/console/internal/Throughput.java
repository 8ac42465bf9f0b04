package dev.baton.console.internal;

import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.ledger.LedgerQuery;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /console/throughput}: jobs finished and failed per minute over the last hour, counted
 * from the ledger's {@code job.finished} and {@code job.failed} entries (so the chart is the same
 * on every node and survives a restart). At most {@link #MAX_ENTRIES} entries of each type are
 * read; past that the answer says {@code "capped": true}.
 */
final class Throughput {
  static final int MINUTES = 60;
  static final int MAX_ENTRIES = 20_000;

  private final Ledger ledger;
  private final Clock clock;
  private final Access access;

  Throughput(Ledger ledger, Clock clock, Access access) {
    this.ledger = ledger;
    this.clock = clock;
    this.access = access;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/throughput", this::series);
  }

  private void series(Context ctx) {
    if (access.viewer(ctx, Role.OPERATOR, "Overview", "overview").isEmpty()) {
      return;
    }
    Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    Instant start = end.minus(Duration.ofMinutes(MINUTES));
    long[] minutes = new long[MINUTES];
    for (int i = 0; i < MINUTES; i++) {
      minutes[i] = start.plus(Duration.ofMinutes(i)).getEpochSecond();
    }
    long[] finished = new long[MINUTES];
    long[] failed = new long[MINUTES];
    boolean capped = count("job.finished", start, finished) | count("job.failed", start, failed);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("minutes", minutes);
    out.put("finished", finished);
    out.put("failed", failed);
    out.put("capped", capped);
    Pages.secure(ctx);
    ctx.json(out);
  }

  /** Adds each entry of {@code type} since {@code start} to its minute; true when capped. */
  private boolean count(String type, Instant start, long[] perMinute) {
    long cursor = 0;
    int read = 0;
    while (read < MAX_ENTRIES) {
      LedgerPage page =
          ledger.read(
              LedgerQuery.oldest(LedgerQuery.MAX_LIMIT)
                  .type(type)
                  .between(start, null)
                  .after(cursor));
      for (LedgerEntry e : page.entries()) {
        int i = (int) Duration.between(start, e.at()).toMinutes();
        if (i >= 0 && i < perMinute.length) {
          perMinute[i]++;
        }
      }
      read += page.entries().size();
      Long next = page.next();
      if (next == null) {
        return false;
      }
      cursor = next;
    }
    return true;
  }
}
