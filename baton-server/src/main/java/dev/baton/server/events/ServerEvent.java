package dev.baton.server.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event on a channel, as the hub numbered it.
 *
 * @param id the hub's number for it: every later event has a larger one (the SSE {@code id})
 * @param channel {@code jobs}, {@code robots}, {@code progress:<job_id>}, {@code schedules}, {@code
 *     components} or {@code ledger}
 * @param type what happened, dotted: {@code job.finished}, {@code robot.changed}...
 * @param owner the client that created the job it is about, or null: a client with the {@code
 *     client} role receives only events it owns
 * @param data the event's fields, as JSON-like values
 */
public record ServerEvent(
    long id,
    String channel,
    String type,
    Instant at,
    @Nullable String owner,
    Map<String, @Nullable Object> data) {

  public ServerEvent {
    Objects.requireNonNull(at, "at");
    data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  /** The channel without its job id: {@code progress} for {@code progress:<job_id>}. */
  public String kind() {
    int colon = channel.indexOf(':');
    return colon < 0 ? channel : channel.substring(0, colon);
  }

  /** The fields sent as the SSE {@code data} line. */
  public Map<String, @Nullable Object> wire() {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("channel", channel);
    m.put("type", type);
    m.put("at", at.toString());
    m.put("data", data);
    return m;
  }
}
