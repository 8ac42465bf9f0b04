package dev.baton.app;

import dev.baton.engine.Engine;
import dev.baton.outbound.DeliveryOptions;
import dev.baton.outbound.NoticeDelivery;
import dev.baton.store.NoticeStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/** Webhook delivery of the notice outbox, woken by the engine when a job may have owed one. */
final class NoticeWiring {
  private NoticeWiring() {}

  static DeliveryOptions options(Settings s) {
    int attempts = s.number(Setting.WEBHOOK_MAX_ATTEMPTS, 1, 100);
    int delayMillis = s.number(Setting.WEBHOOK_RETRY_DELAY_MS, 0, 24 * 3600 * 1000);
    int timeout = s.number(Setting.WEBHOOK_TIMEOUT_SECONDS, 1, 3600);
    return DeliveryOptions.DEFAULTS
        .withRetries(attempts, Duration.ofMillis(delayMillis), 2.0)
        .withRequestTimeout(Duration.ofSeconds(timeout));
  }

  /**
   * Starts delivering. Notices committed before this are found by its first claim, those after by
   * the wake-up or the next poll.
   */
  static NoticeDelivery start(
      NoticeStore store, Engine engine, DeliveryOptions options, MeterRegistry registry) {
    NoticeDelivery delivery =
        NoticeDelivery.start(store, engine.clock(), options)
            .observedBy(engine.observer(), engine::job)
            .meteredBy(registry);
    engine.addListener(job -> {
      // Only a job that ended with a webhook can have owed a notice; waking the deliverer on
      // every change would make it claim through the writer for nothing.
      if (job.status().isTerminal() && job.attributes().webhookUrl() != null) {
        delivery.wake();
      }
    });
    return delivery;
  }
}
