package dev.baton.outbound;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Standard Webhooks headers of a signed delivery. {@code webhook-id} is the notice's id (the
 * same on every attempt, so a receiver drops a repeat); {@code webhook-timestamp} is when this
 * attempt was sent, in epoch seconds, so a receiver refuses a replay by its age; {@code
 * webhook-signature} covers both and the exact body bytes. An unsigned delivery gets none of them.
 */
final class WebhookSignature {
  static final String ID = "webhook-id";
  static final String TIMESTAMP = "webhook-timestamp";
  static final String SIGNATURE = "webhook-signature";

  private WebhookSignature() {}

  static Map<String, String> headers(
      @Nullable WebhookSecret secret, String noticeId, Instant now, byte[] body) {
    if (secret == null) {
      return Map.of();
    }
    long ts = now.getEpochSecond();
    Map<String, String> h = new LinkedHashMap<>();
    h.put(ID, noticeId);
    h.put(TIMESTAMP, Long.toString(ts));
    h.put(SIGNATURE, secret.sign(noticeId, ts, body));
    return h;
  }
}
