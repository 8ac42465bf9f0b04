package dev.baton.job;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A message Baton owes the outside world about a job, such as a webhook for {@code job_finished}.
 * It is written in the same transaction as the change it reports, so a crash between the change and
 * the delivery loses nothing: the notice is delivered after the restart. Delivery is at least once.
 *
 * @param target where it goes (a webhook URL)
 * @param dueAt when to try next; while a delivery is under way, the end of its lease
 */
public record Notice(
    String id,
    String jobId,
    String event,
    String target,
    Map<String, Object> payload,
    Status status,
    int attempts,
    Instant dueAt,
    Instant createdAt,
    @Nullable String lastError) {

  /** Pending until delivered, or abandoned after its last attempt failed. */
  public enum Status {
    PENDING,
    DELIVERED,
    ABANDONED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Notice {
    payload = Maps.copy(payload);
  }

  public Notice delivered() {
    return new Notice(
        id, jobId, event, target, payload, Status.DELIVERED, attempts + 1, dueAt, createdAt, null);
  }

  public Notice failed(String error, @Nullable Instant retryAt) {
    Status s = retryAt == null ? Status.ABANDONED : Status.PENDING;
    Instant due = retryAt == null ? dueAt : retryAt;
    return new Notice(id, jobId, event, target, payload, s, attempts + 1, due, createdAt, error);
  }
}
