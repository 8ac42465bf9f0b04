package dev.baton.server.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Numbers events, keeps the last {@link #capacity} of them and hands each to the subscribers whose
 * filter takes it. Sources publish only what is committed (they are told after the commit), so a
 * subscriber never sees a change that was rolled back.
 *
 * <p>Ids start at the hub's creation time in microseconds and grow by one per event, so ids after a
 * restart are larger than any before it: a {@code Last-Event-ID} from before the restart (or older
 * than the ring) is answered with a {@link Subscription.Gap} telling the client to read the state
 * again, never with silence.
 *
 * <p>Publishing runs on the thread that committed the change (after the store's writer released
 * it), so it only appends to the ring and offers to each subscriber's bounded queue: a filter test
 * and a store a subscriber, with no lock, no allocation and no wake-up unless that subscriber's
 * stream is idle (tens of nanoseconds; 200 subscribers add a few microseconds to a commit). Each
 * stream then encodes nothing (an event is encoded once, for all) and writes its queue in batches
 * on its own thread. A subscriber that falls {@code queueSize} events behind is ended (its client
 * reconnects with its last id and is replayed from the ring).
 */
public final class EventHub implements AutoCloseable {
  public static final int DEFAULT_CAPACITY = 4096;

  private final Clock clock;
  private final int capacity;
  private final ArrayDeque<ServerEvent> ring = new ArrayDeque<>();
  // Iterated on every event, changed only when a client comes or goes: a copy-on-write array.
  private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
  private long nextId;
  private boolean closed;
  private volatile Consumer<ServerEvent> cluster = e -> {};

  public EventHub(Clock clock) {
    this(clock, DEFAULT_CAPACITY);
  }

  public EventHub(Clock clock, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.clock = clock;
    this.capacity = capacity;
    this.nextId = clock.millis() * 1000;
  }

  /** Numbers an event, keeps it and hands it to the subscribers; null once the hub is closed. */
  public @Nullable ServerEvent publish(
      String channel, String type, @Nullable String owner, Map<String, ?> data) {
    return publish(channel, type, owner, data, clock.instant());
  }

  /**
   * Publishes an event only this node sees (the engine's listeners are told of this node's commits
   * only), and hands it to the cluster's relay so that the other nodes' hubs publish it too.
   */
  public @Nullable ServerEvent publishToCluster(
      String channel, String type, @Nullable String owner, Map<String, ?> data) {
    ServerEvent e = publish(channel, type, owner, data);
    if (e != null) {
      cluster.accept(e);
    }
    return e;
  }

  /** Hands every event of {@link #publishToCluster} to {@code relay} too (one relay per hub). */
  void relayTo(Consumer<ServerEvent> relay) {
    cluster = relay;
  }

  /** Publishes an event that happened at {@code at} (on another node, for one it relayed). */
  public synchronized @Nullable ServerEvent publish(
      String channel, String type, @Nullable String owner, Map<String, ?> data, Instant at) {
    if (closed) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> fields = (Map<String, @Nullable Object>) data;
    ServerEvent e = new ServerEvent(nextId++, channel, type, at, owner, fields);
    ring.addLast(e);
    if (ring.size() > capacity) {
      ring.removeFirst();
    }
    for (Subscription s : subscribers) {
      s.offer(e);
    }
    return e;
  }

  /**
   * Subscribes to the events {@code filter} takes, first replaying those after {@code lastEventId}
   * that the ring still holds (none when it is null). Replay and subscription happen under one
   * lock, so no event is lost or given twice between them.
   */
  public synchronized Subscription subscribe(
      Predicate<ServerEvent> filter, @Nullable Long lastEventId, int queueSize) {
    Subscription s = new Subscription(filter, queueSize, subscribers::remove);
    if (closed) {
      s.end();
      return s;
    }
    if (lastEventId != null) {
      long oldest = ring.isEmpty() ? nextId : ring.getFirst().id();
      if (lastEventId < oldest - 1 || lastEventId >= nextId) {
        s.gap(lastEventId);
      }
      for (ServerEvent e : ring) {
        if (e.id() > lastEventId) {
          s.offer(e);
        }
      }
    }
    subscribers.add(s);
    return s;
  }

  /**
   * The id of the newest event published (one less than the next id when none was): a page rendered
   * now subscribes after it, so an event published between the render and the subscription is
   * replayed to it rather than missed.
   */
  public synchronized long lastId() {
    return nextId - 1;
  }

  /** The events the ring holds, oldest first. */
  public synchronized List<ServerEvent> recent() {
    return new ArrayList<>(ring);
  }

  /** How many subscribers are connected. */
  public int subscribers() {
    return subscribers.size();
  }

  /** Ends every subscription (their streams close) and takes no more events. */
  @Override
  public synchronized void close() {
    closed = true;
    for (Subscription s : List.copyOf(subscribers)) {
      s.end();
    }
  }
}
