package dev.baton.outbound;

import dev.baton.store.NoticeStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The webhook meters: attempts by outcome ({@code delivered}, {@code failed} and due again, {@code
 * abandoned}), and the outbox's age (how long the oldest pending notice has waited, read from the
 * store at each scrape), and targets refused by the {@link TargetPolicy}, by the kind of range
 * ({@code loopback}, {@code private}, {@code link_local}, …). Until {@link #bind} nothing is
 * counted.
 */
final class NoticeMeters {
  static final String DELIVERED = "delivered";
  static final String FAILED = "failed";
  static final String ABANDONED = "abandoned";

  private volatile @Nullable Counter delivered;
  private volatile @Nullable Counter failed;
  private volatile @Nullable Counter abandoned;
  private volatile @Nullable MeterRegistry registry;

  void bind(MeterRegistry registry, NoticeStore store, Clock clock) {
    delivered = counter(registry, DELIVERED);
    failed = counter(registry, FAILED);
    abandoned = counter(registry, ABANDONED);
    this.registry = registry;
    Gauge.builder("baton.webhook.outbox.oldest.age", () -> age(store, clock))
        .description("How long the oldest pending notice has waited since it was enqueued.")
        .baseUnit("seconds")
        .register(registry);
  }

  void delivered() {
    increment(delivered);
  }

  void failed() {
    increment(failed);
  }

  void abandoned() {
    increment(abandoned);
  }

  /** A target refused; counted as abandoned too, since that is what becomes of its notice. */
  void refused(String kind) {
    MeterRegistry r = registry;
    if (r != null) {
      Counter.builder("baton.webhook.refusals")
          .description("Webhook targets refused by the target policy, by the kind of range.")
          .tag("reason", kind)
          .register(r)
          .increment();
    }
  }

  private static void increment(@Nullable Counter c) {
    if (c != null) {
      c.increment();
    }
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("baton.webhook.deliveries")
        .description("Webhook delivery attempts, by outcome.")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Seconds; 0 with nothing pending. A store that fails the read shows NaN, not a stale age. */
  private static double age(NoticeStore store, Clock clock) {
    try {
      return store
          .oldestPendingNotice()
          .map(t -> Math.max(0, Duration.between(t, clock.instant()).toMillis() / 1000.0))
          .orElse(0.0);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
