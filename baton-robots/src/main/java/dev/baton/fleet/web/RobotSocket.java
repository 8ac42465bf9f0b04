package dev.baton.fleet.web;

import dev.baton.fleet.Envelope;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.RobotLink;
import dev.baton.fleet.RobotSession;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * CasareRPA's robot WebSocket: JSON envelopes in and out. Text that is not JSON, JSON that is not
 * an envelope with a {@code type}, and JSON that an HTTP body could not carry either (nesting past
 * {@link Json#MAX_DEPTH}, a NUL character, half of a UTF-16 surrogate pair: {@link
 * Json#parseChecked}) is answered with an {@code error} message ({@code INVALID_JSON}) that says
 * what and where; the connection stays open either way.
 *
 * <p>Each connection's messages go through its {@link Inbox}: those about different jobs are
 * handled side by side on virtual threads (up to {@link #IN_FLIGHT} a connection), those about one
 * job in the order sent. A robot running four jobs thus waits for one store round trip, not four,
 * before its next completion is handled.
 */
final class RobotSocket {
  private static final Logger log = LoggerFactory.getLogger(RobotSocket.class);

  /** Messages held per connection before its reader waits (see {@link Inbox}). */
  static final int IN_FLIGHT = 64;

  private static final Executor HANDLERS =
      task -> Thread.ofVirtual().name("baton-robot-message").start(task);

  private final Fleet fleet;
  private final Map<String, Connection> bySession = new ConcurrentHashMap<>();

  private record Connection(RobotSession session, Inbox inbox) {}

  RobotSocket(Fleet fleet) {
    this.fleet = fleet;
  }

  void configure(WsConfig ws) {
    ws.onConnect(ctx -> {
      ctx.enableAutomaticPings();
      RobotSession s = fleet.connect(new Link(ctx));
      bySession.put(
          ctx.sessionId(),
          new Connection(s, new Inbox(HANDLERS, IN_FLIGHT, m -> fleet.receive(s, m))));
    });
    ws.onMessage(this::onMessage);
    ws.onClose(ctx -> closed(ctx.sessionId()));
    ws.onError(ctx -> closed(ctx.sessionId()));
  }

  /** The robot is taken offline once the messages it sent before are handled. */
  private void closed(String sessionId) {
    Connection c = bySession.remove(sessionId);
    if (c != null) {
      c.inbox().close(() -> fleet.disconnected(c.session()));
    }
  }

  private void onMessage(WsMessageContext ctx) {
    Connection c = bySession.get(ctx.sessionId());
    if (c == null) {
      return;
    }
    Envelope e;
    try {
      e = envelope(ctx.message());
    } catch (IllegalArgumentException bad) {
      fleet.refuse(c.session(), "INVALID_JSON", String.valueOf(bad.getMessage()));
      return;
    }
    try {
      c.inbox().post(e);
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt(); // the server is stopping: the message is not handled
    }
  }

  /** Reads an envelope; throws IllegalArgumentException saying what is wrong. */
  static Envelope envelope(String text) {
    Object parsed;
    try {
      parsed = Json.parseChecked(text.getBytes(StandardCharsets.UTF_8), "message");
    } catch (JacksonException e) {
      throw new IllegalArgumentException("Invalid JSON: " + e.getOriginalMessage());
    } catch (ApiError refused) {
      // What an HTTP body may not hold either: nesting too deep, a NUL, half a surrogate pair.
      throw new IllegalArgumentException(refused.getMessage(), refused);
    }
    Map<String, Object> m = Json.asObject(parsed);
    if (m == null) {
      throw new IllegalArgumentException("Invalid message: expected a JSON object");
    }
    if (!(m.get("type") instanceof String type) || type.isBlank()) {
      throw new IllegalArgumentException("Invalid message: field 'type' must be a string");
    }
    Object rawPayload = m.get("payload");
    Map<String, Object> payload = rawPayload == null ? Map.of() : Json.asObject(rawPayload);
    if (payload == null) {
      throw new IllegalArgumentException("Invalid message: field 'payload' must be an object");
    }
    String id = m.get("id") instanceof String i && !i.isBlank() ? i : UUID.randomUUID().toString();
    Instant at = Instant.now();
    if (m.get("timestamp") instanceof String t) {
      try {
        at = Instant.parse(t.endsWith("Z") || t.contains("+") ? t : t + "Z");
      } catch (DateTimeParseException ignored) {
        // the spec's robots send naive UTC; anything unreadable is stamped on arrival
      }
    }
    String correlation = m.get("correlation_id") instanceof String c ? c : null;
    return new Envelope(type, id, at, payload, correlation);
  }

  static String write(Envelope e) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("type", e.type());
    m.put("id", e.id());
    m.put("timestamp", e.timestamp().toString());
    m.put("payload", e.payload());
    if (e.correlationId() != null) {
      m.put("correlation_id", e.correlationId());
    }
    return Json.write(m);
  }

  /** Sends one at a time: a WebSocket takes no second send while one is in flight. */
  private static final class Link implements RobotLink {
    private final WsContext ctx;

    Link(WsContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public synchronized void send(Envelope message) {
      try {
        if (ctx.session.isOpen()) {
          ctx.send(write(message));
        }
      } catch (RuntimeException e) {
        log.debug("could not send {} to robot session {}", message.type(), ctx.sessionId(), e);
      }
    }

    @Override
    public void close(int code, String reason) {
      try {
        ctx.closeSession(code, reason);
      } catch (RuntimeException e) {
        log.debug("could not close robot session {}", ctx.sessionId(), e);
      }
    }
  }
}
