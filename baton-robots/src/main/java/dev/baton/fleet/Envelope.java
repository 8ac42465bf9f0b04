package dev.baton.fleet;

import dev.baton.job.Maps;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One message of CasareRPA's robot protocol: {@code {"type","id","timestamp","payload",
 * "correlation_id"?}}. A reply carries the id of the message it answers as its correlation id.
 */
public record Envelope(
    String type,
    String id,
    Instant timestamp,
    Map<String, Object> payload,
    @Nullable String correlationId) {

  public Envelope {
    payload = Maps.copy(payload);
  }

  public static Envelope of(
      String type, Map<String, Object> payload, @Nullable String correlationId, Instant now) {
    return new Envelope(type, UUID.randomUUID().toString(), now, payload, correlationId);
  }

  /** The spec's {@code error} message. */
  public static Envelope error(
      String code, String message, @Nullable String correlationId, Instant now) {
    return of(
        "error",
        Map.of("error_code", code, "error_message", message, "details", Map.of()),
        correlationId,
        now);
  }
}
