package dev.baton.server.events;

import dev.baton.server.route.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One event on a channel, as the hub numbered it. Immutable; what is sent to subscribers is encoded
 * once, by the first stream that sends it, and shared by all of them (an event goes to hundreds of
 * subscribers, and encoding it for each one was most of the cost of a fan-out).
 */
public final class ServerEvent {
  private final long id;
  private final String channel;
  private final String type;
  private final Instant at;
  private final @Nullable String owner;
  private final Map<String, @Nullable Object> data;
  // One for all subscribers: the hub puts the same item in every queue.
  private final Subscription.Delivered delivered = new Subscription.Delivered(this);
  // Benign races: two threads may both encode an event, and both get equal bytes.
  private byte @Nullable [] sse;
  private byte @Nullable [] socket;

  /**
   * @param id the hub's number for it: every later event has a larger one (the SSE {@code id})
   * @param channel {@code jobs}, {@code robots}, {@code progress:<job_id>}, {@code schedules},
   *     {@code components} or {@code ledger}
   * @param type what happened, dotted: {@code job.finished}, {@code robot.changed}...
   * @param owner the client that created the job it is about, or null: a client with the {@code
   *     client} role receives only events it owns
   * @param data the event's fields, as JSON-like values
   */
  public ServerEvent(
      long id,
      String channel,
      String type,
      Instant at,
      @Nullable String owner,
      Map<String, @Nullable Object> data) {
    this.id = id;
    this.channel = Objects.requireNonNull(channel, "channel");
    this.type = Objects.requireNonNull(type, "type");
    this.at = Objects.requireNonNull(at, "at");
    this.owner = owner;
    this.data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }

  public long id() {
    return id;
  }

  public String channel() {
    return channel;
  }

  public String type() {
    return type;
  }

  public Instant at() {
    return at;
  }

  public @Nullable String owner() {
    return owner;
  }

  public Map<String, @Nullable Object> data() {
    return data;
  }

  /** The channel without its job id: {@code progress} for {@code progress:<job_id>}. */
  public String kind() {
    int colon = channel.indexOf(':');
    return colon < 0 ? channel : channel.substring(0, colon);
  }

  /** The fields sent as the SSE {@code data} line; {@code at} to the millisecond. */
  public Map<String, @Nullable Object> wire() {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("channel", channel);
    m.put("type", type);
    m.put("at", at.truncatedTo(ChronoUnit.MILLIS).toString());
    m.put("data", data);
    return m;
  }

  /** What every subscriber's queue holds for this event. */
  Subscription.Delivered delivered() {
    return delivered;
  }

  /** The event as Server-Sent Events send it: {@code id:}, {@code event:}, {@code data:}. */
  byte[] sseFrame() {
    byte[] f = sse;
    if (f == null) {
      String text = "id: " + id + "\nevent: " + kind() + "\ndata: " + Json.write(wire()) + "\n\n";
      f = text.getBytes(StandardCharsets.UTF_8);
      sse = f;
    }
    return f;
  }

  /**
   * The event as the WebSocket sends it, {@code {"id", "event", "data"}} in UTF-8: shared by every
   * socket, which must not change it.
   */
  public byte[] socketBytes() {
    byte[] m = socket;
    if (m == null) {
      Map<String, @Nullable Object> message = new LinkedHashMap<>();
      message.put("id", id);
      message.put("event", kind());
      message.put("data", wire());
      m = Json.write(message).getBytes(StandardCharsets.UTF_8);
      socket = m;
    }
    return m;
  }

  @Override
  public String toString() {
    return "ServerEvent[" + id + " " + channel + " " + type + "]";
  }
}
