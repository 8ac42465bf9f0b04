package dev.baton.app;

import dev.baton.engine.Engine;
import dev.baton.outbound.DeliveryOptions;
import dev.baton.outbound.NoticeDelivery;
import dev.baton.outbound.TargetPolicy;
import dev.baton.outbound.WebhookSecret;
import dev.baton.outbound.WebhookSecrets;
import dev.baton.server.WebhookTargetCheck;
import dev.baton.store.NoticeStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Webhook delivery of the notice outbox, woken by the engine when a job may have owed one. */
final class NoticeWiring {
  private NoticeWiring() {}

  /**
   * @param clientSecrets the clients' own webhook secrets (clients.toml), by client name
   * @throws Settings.ConfigException naming the setting and what is wrong with it
   */
  static DeliveryOptions options(Settings s, Map<String, WebhookSecret> clientSecrets) {
    int attempts = s.number(Setting.WEBHOOK_MAX_ATTEMPTS, 1, 100);
    int delayMillis = s.number(Setting.WEBHOOK_RETRY_DELAY_MS, 0, 24 * 3600 * 1000);
    int timeout = s.number(Setting.WEBHOOK_TIMEOUT_SECONDS, 1, 3600);
    int retentionDays = s.number(Setting.WEBHOOK_RETENTION_DAYS, 0, 3650);
    return DeliveryOptions.DEFAULTS
        .withRetries(attempts, Duration.ofMillis(delayMillis), 2.0)
        .withRequestTimeout(Duration.ofSeconds(timeout))
        .withTargets(targets(s))
        .withSecrets(new WebhookSecrets(clientSecrets, serverWideSecret(s)))
        .withRetention(Duration.ofDays(retentionDays));
  }

  private static TargetPolicy targets(Settings s) {
    boolean allowPrivate = s.bool(Setting.WEBHOOK_ALLOW_PRIVATE_TARGETS);
    try {
      return TargetPolicy.of(allowPrivate, s.text(Setting.WEBHOOK_ALLOWED_TARGETS));
    } catch (IllegalArgumentException e) {
      throw new Settings.ConfigException(
          s.source(Setting.WEBHOOK_ALLOWED_TARGETS) + ": " + e.getMessage());
    }
  }

  /** The value is never put in a message. */
  private static @Nullable WebhookSecret serverWideSecret(Settings s) {
    String text = s.text(Setting.WEBHOOK_SIGNING_SECRET);
    if (text.isEmpty()) {
      return null;
    }
    try {
      return WebhookSecret.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Settings.ConfigException(
          s.source(Setting.WEBHOOK_SIGNING_SECRET) + ": the secret " + e.getMessage());
    }
  }

  /** The job-creation check: a {@code webhook_url} the policy refuses without a lookup is 400. */
  static WebhookTargetCheck creationCheck(DeliveryOptions options) {
    return target -> {
      TargetPolicy.Refusal r = options.targets().refusalAtCreation(target);
      return r == null ? null : r.reason();
    };
  }

  /**
   * Starts delivering. Notices committed before this are found by its first claim, those after by
   * the wake-up or the next poll.
   */
  static NoticeDelivery start(
      NoticeStore store, Engine engine, DeliveryOptions options, MeterRegistry registry) {
    NoticeDelivery delivery =
        NoticeDelivery.start(store, engine.clock(), options, engine::job)
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
