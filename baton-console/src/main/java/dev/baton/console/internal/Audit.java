package dev.baton.console.internal;

import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.Severity;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records an operator action done through the console in the ledger ({@code admin.<verb>}, source
 * {@code console}), as the API's audit does for the same action made over HTTP.
 */
final class Audit {
  private static final Logger log = LoggerFactory.getLogger(Audit.class);

  private final Ledger ledger;
  private final Clock clock;

  Audit(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  void record(String verb, Session by, @Nullable String jobId, Map<String, ?> more) {
    Map<String, @Nullable Object> details = new LinkedHashMap<>(more);
    details.put("client", by.client().name());
    try {
      ledger.append(
          LedgerEntry.of(
              clock.instant(), "admin." + verb, "console", Severity.INFO, jobId, details));
    } catch (RuntimeException e) {
      // The change is made; a ledger that failed to record it must not turn it into an error.
      log.error("could not record the console's {} in the ledger", verb, e);
    }
  }
}
