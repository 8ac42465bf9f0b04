package dev.baton.server.internal;

import dev.baton.server.events.ChannelSelection;
import dev.baton.server.events.EventHub;
import dev.baton.server.events.EventStream;
import dev.baton.server.events.Subscription;
import dev.baton.server.route.Json;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Messages from the client are ignored. Each socket is pumped by a virtual thread of its own, which
 * sends what queued for it in one write and then rests, as the SSE stream does.
 */
final class EventSocket {
  static final String SUBSCRIBE = "baton.events.subscribe";
  private static final Logger log = LoggerFactory.getLogger(EventSocket.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int QUEUE = EventHub.DEFAULT_CAPACITY;
  private static final int BATCH = 512;

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

  /**
   * Sends what queued in one write (each event still its own message), waits until it is written,
   * then rests as the SSE stream does ({@link EventStream#rest}): one write a subscriber per rest,
   * not one an event, and a client that cannot keep up leaves the events queued in its
   * subscription, where falling too far behind ends it, instead of in the socket's unbounded
   * outgoing queue.
   */
  private void pump(WsContext ctx, Subscription sub) {
    List<Subscription.Item> items = new ArrayList<>(BATCH);
    try (sub) {
      SocketFrames frames = SocketFrames.of(ctx);
      while (ctx.session.isOpen()) {
        Subscription.Item first = sub.next(POLL);
        if (first == null) {
          continue;
        }
        items.add(first);
        sub.drainTo(items, BATCH - 1);
        boolean ended = false;
        for (Subscription.Item item : items) {
          switch (item) {
            case Subscription.Delivered d -> frames.text(d.event().socketBytes());
            case Subscription.Gap g -> frames.text(message("reset", g.wire()));
            case Subscription.Ended end -> {
              frames.text(message("end", end.wire()));
              ended = true;
            }
          }
        }
        boolean full = items.size() >= BATCH;
        items.clear();
        frames.flush();
        if (ended) {
          ctx.closeSession(1001, "events ended");
          return;
        }
        if (!full) {
          Thread.sleep(EventStream.rest(EventStream.PACE, hub.subscribers()));
        }
      }
    } catch (InterruptedException e) {
      // The socket closed.
    } catch (IOException | RuntimeException e) {
      log.debug("events socket {} ended: {}", ctx.sessionId(), e.toString());
    }
  }

  private static byte[] message(String event, Map<String, ?> data) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", null);
    m.put("event", event);
    m.put("data", data);
    return Json.write(m).getBytes(StandardCharsets.UTF_8);
  }
}
