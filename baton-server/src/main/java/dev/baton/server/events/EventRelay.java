package dev.baton.server.events;

import dev.baton.server.route.Json;
import dev.baton.store.Broadcast;
import dev.baton.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries the events only one node sees (its engine's committed job changes, schedule fires and its
 * workers' progress: {@link EventHub#publishToCluster}) to the hubs of the other nodes sharing the
 * store, so that a subscriber connected to any node receives every node's. The ledger, robots and
 * components are read from the store by every node and are not relayed.
 *
 * <p>The cost stays off the committing thread: it only offers the event to a bounded queue, and one
 * thread sends whatever has queued as one broadcast (one {@code NOTIFY} statement for up to {@link
 * #BATCH} events) at most every {@link #PACE}, so under load many job changes share one round trip
 * and nothing is written to a table. Events are relayed after their commit, so a node never hears
 * of a change that was rolled back.
 *
 * <p>Under failure (best effort, like the hub itself): when the queue is full, or a broadcast
 * fails, those events are dropped and counted, and the other nodes' subscribers miss them (the
 * ledger channel, read from the store, still has every transition); a node that dies between a
 * commit and its broadcast loses the events of that moment likewise.
 */
public final class EventRelay implements AutoCloseable {
  static final int QUEUE = 8192;
  static final int BATCH = 500;

  /**
   * How long the sender rests after a broadcast: what queued meanwhile goes in the next one, so a
   * node sends at most 50 statements a second however busy it is (and events reach the other nodes
   * up to this much later).
   */
  static final Duration PACE = Duration.ofMillis(20);

  private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

  /** A string field longer than this is cut when the event would not fit in one message. */
  private static final int LONG_TEXT = 512;

  private final EventHub hub;
  private final Broadcast broadcast;
  private final BlockingQueue<ServerEvent> outbox = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private long sent; // the sender's count, in each message: PostgreSQL drops a repeated payload
  private final @Nullable Thread sender;
  private volatile boolean closed;

  private EventRelay(EventHub hub, Broadcast broadcast) {
    this.hub = hub;
    this.broadcast = broadcast;
    this.sender =
        broadcast.shared() ? Thread.ofVirtual().name("baton-event-relay").start(this::send) : null;
  }

  /**
   * Relays {@code hub}'s cluster events through {@code broadcast} and publishes the other nodes' on
   * it; does nothing for a store no other process shares.
   */
  public static EventRelay start(EventHub hub, Broadcast broadcast) {
    EventRelay relay = new EventRelay(hub, broadcast);
    if (relay.sender != null) {
      hub.relayTo(relay::offer);
      broadcast.subscribe(relay::receive);
    }
    return relay;
  }

  private void offer(ServerEvent e) {
    if (!closed && !outbox.offer(e)) {
      dropped.incrementAndGet();
    }
  }

  private void send() {
    List<ServerEvent> batch = new ArrayList<>(BATCH);
    while (!closed) {
      try {
        batch.add(outbox.take());
      } catch (InterruptedException e) {
        return; // closed
      }
      outbox.drainTo(batch, BATCH - 1);
      List<String> messages = new ArrayList<>(batch.size());
      for (ServerEvent e : batch) {
        String m = encode(e, ++sent);
        if (m == null) {
          dropped.incrementAndGet();
        } else {
          messages.add(m);
        }
      }
      try {
        broadcast.send(messages);
      } catch (StoreException | IllegalArgumentException e) {
        long lost = dropped.addAndGet(messages.size());
        log.warn(
            "relaying {} events to the other nodes failed ({} lost so far): {}",
            messages.size(),
            lost,
            e.getMessage());
      }
      batch.clear();
      if (outbox.size() < BATCH) {
        try {
          Thread.sleep(PACE);
        } catch (InterruptedException e) {
          return; // closed
        }
      }
    }
  }

  /** The event as one message, cut to fit; null when even the cut one does not. */
  static @Nullable String encode(ServerEvent e, long n) {
    String m = Json.write(message(e, e.data(), n));
    if (fits(m)) {
      return m;
    }
    Map<String, @Nullable Object> cut = new LinkedHashMap<>();
    e.data()
        .forEach((k, v) ->
            cut.put(
                k,
                v instanceof String s && s.length() > LONG_TEXT
                    ? s.substring(0, LONG_TEXT) + "…"
                    : v));
    cut.put("truncated", true);
    m = Json.write(message(e, cut, n));
    return fits(m) ? m : null;
  }

  private static boolean fits(String m) {
    // A char is at most three UTF-8 bytes: most messages are measured without encoding them.
    return m.length() * 3 <= Broadcast.MAX_BYTES
        || m.getBytes(StandardCharsets.UTF_8).length <= Broadcast.MAX_BYTES;
  }

  private static Map<String, @Nullable Object> message(
      ServerEvent e, Map<String, @Nullable Object> data, long n) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("channel", e.channel());
    m.put("type", e.type());
    m.put("owner", e.owner());
    m.put("at", e.at().toString());
    m.put("data", data);
    return m;
  }

  /** Publishes another node's event; a message this version cannot read is logged and skipped. */
  void receive(String message) {
    try {
      Map<String, Object> m = Json.asObject(Json.parse(message.getBytes(StandardCharsets.UTF_8)));
      if (m == null
          || !(m.get("channel") instanceof String channel)
          || !(m.get("type") instanceof String type)
          || !(m.get("at") instanceof String at)
          || !(m.get("data") instanceof Map<?, ?> data)) {
        log.debug("an event relayed by another node is not one this node reads: {}", message);
        return;
      }
      String owner = m.get("owner") instanceof String o ? o : null;
      @SuppressWarnings("unchecked")
      Map<String, ?> fields = (Map<String, ?>) data;
      hub.publish(channel, type, owner, fields, Instant.parse(at));
      received.incrementAndGet();
    } catch (RuntimeException e) {
      // A malformed message (a bad time, a JSON error) must not stop the listener.
      log.debug("an event relayed by another node could not be read: {}", e.toString());
    }
  }

  /** Events not relayed (a full queue, a failed broadcast, too large): the other nodes missed. */
  public long dropped() {
    return dropped.get();
  }

  /** Other nodes' events published on this node's hub. */
  public long received() {
    return received.get();
  }

  /** Stops relaying; what is still queued is not sent. */
  @Override
  public void close() {
    closed = true;
    Thread t = sender;
    if (t != null) {
      t.interrupt();
    }
  }
}
