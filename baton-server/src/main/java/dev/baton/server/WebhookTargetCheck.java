package dev.baton.server;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * What the job-creation routes know against a {@code webhook_url} before any lookup (an IP address
 * in a range webhooks may not reach): the client gets 400 with the reason at once, rather than a
 * job whose webhook is refused when it ends. The delivery checks again, on resolved addresses.
 */
@FunctionalInterface
public interface WebhookTargetCheck {
  /** Accepts every target; the delivery's own check still applies. */
  WebhookTargetCheck NONE = target -> null;

  /** Why webhooks may not go to {@code target}, or null when nothing is known against it. */
  @Nullable String refusal(URI target);
}
