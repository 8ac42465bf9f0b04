package dev.baton.outbound;

import dev.baton.store.NoticeStore;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes delivered notices older than {@link DeliveryOptions#retention()}, one small batch at a
 * time, so the outbox does not grow for ever and no delete holds the store's writer long. The
 * delivery loop asks about once a minute, and again at once while batches come back full. Every
 * node sharing a store may prune; deleting what another node deleted is a no-op.
 *
 * <p>Under failure: a store that refuses the delete is logged and asked again a minute later;
 * deliveries go on.
 */
final class NoticeRetention {
  private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);
  static final int BATCH = 500;
  static final Duration EVERY = Duration.ofMinutes(1);

  private final NoticeStore store;
  private final Duration retention;
  private Instant next = Instant.MIN; // only the loop's thread (or a manual caller) touches it

  NoticeRetention(NoticeStore store, Duration retention) {
    this.store = store;
    this.retention = retention;
  }

  /** One batch now; how many notices it deleted (0 when retention is off). */
  synchronized int prune(Instant now) {
    if (retention.isZero()) {
      return 0;
    }
    int deleted;
    try {
      deleted = store.pruneDelivered(now.minus(retention), BATCH);
    } catch (RuntimeException e) {
      log.warn("could not prune delivered notices; trying again in {}", EVERY, e);
      next = now.plus(EVERY);
      return 0;
    }
    next = deleted == BATCH ? now : now.plus(EVERY);
    if (deleted > 0) {
      log.debug("pruned {} delivered notice(s) older than {}", deleted, retention);
    }
    return deleted;
  }

  /** A batch when one is due. */
  synchronized int pruneIfDue(Instant now) {
    return now.isBefore(next) ? 0 : prune(now);
  }
}
