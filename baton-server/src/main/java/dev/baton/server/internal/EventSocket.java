package dev.baton.server.internal;

import dev.baton.server.events.ChannelSelection;
import dev.baton.server.events.EventHub;
import dev.baton.server.events.Subscription;
import dev.baton.server.route.Json;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime channels over a WebSocket, for clients that prefer one to Server-Sent Events: each
 * event is one text message {@code {"id", "event", "data"}}, where {@code event} and {@code data}
 * are what the SSE stream sends as {@code event:} and {@code data:}; {@code reset} (resume past
 * what the server holds) and {@code end} (the server closes, or the client fell too far behind: it
 * reconnects with {@code last_event_id}) come the same way, and an {@code end} closes the socket.
 * Messages from the client are ignored. Each socket is pumped by a virtual thread of its own.
 */
final class EventSocket {
  static final String SUBSCRIBE = "baton.events.subscribe";
  private static final Logger log = LoggerFactory.getLogger(EventSocket.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int QUEUE = EventHub.DEFAULT_CAPACITY;

  /** What the upgrade request asked for, checked before the upgrade. */
  record Subscribe(ChannelSelection selection, @Nullable Long lastEventId) {}

  private final EventHub hub;
  private final Map<String, Thread> pumps = new ConcurrentHashMap<>();

  EventSocket(EventHub hub) {
    this.hub = hub;
  }

  void configure(WsConfig ws) {
    ws.onConnect(ctx -> {
      ctx.enableAutomaticPings();
      Subscribe ask = ctx.attribute(SUBSCRIBE);
      if (ask == null) { // cannot happen: the upgrade handler set it or refused the upgrade
        ctx.closeSession(1011, "no subscription");
        return;
      }
      Subscription sub = hub.subscribe(ask.selection().filter(), ask.lastEventId(), QUEUE);
      Thread pump =
          Thread.ofVirtual().name("baton-events-ws-" + ctx.sessionId()).start(() -> pump(ctx, sub));
      pumps.put(ctx.sessionId(), pump);
    });
    ws.onClose(ctx -> stop(ctx));
    ws.onError(ctx -> stop(ctx));
  }

  private void stop(WsContext ctx) {
    ctx.disableAutomaticPings();
    Thread pump = pumps.remove(ctx.sessionId());
    if (pump != null) {
      pump.interrupt(); // its subscription leaves the hub as the pump ends
    }
  }

  private static void pump(WsContext ctx, Subscription sub) {
    try (sub) {
      while (ctx.session.isOpen()) {
        Subscription.Item item = sub.next(POLL);
        switch (item) {
          case null -> {}
          case Subscription.Delivered d -> ctx.send(d.event().socketMessage());
          case Subscription.Gap g -> send(ctx, null, "reset", g.wire());
          case Subscription.Ended end -> {
            send(ctx, null, "end", end.wire());
            ctx.closeSession(1001, "events ended");
            return;
          }
        }
      }
    } catch (InterruptedException e) {
      // The socket closed.
    } catch (RuntimeException e) {
      log.debug("events socket {} ended: {}", ctx.sessionId(), e.toString());
    }
  }

  private static void send(WsContext ctx, @Nullable Long id, String event, Map<String, ?> data) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("event", event);
    m.put("data", data);
    ctx.send(Json.write(m));
  }
}
