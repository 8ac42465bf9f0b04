package dev.baton.server.events;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One subscriber's queue of events; read by one thread (its stream), fed by the hub under its lock.
 * It is bounded: an event that finds it full ends the subscription instead (the hub never waits for
 * a subscriber).
 */
public final class Subscription implements AutoCloseable {
  /** What a subscriber reads next. */
  public sealed interface Item {}

  /** An event the filter took. */
  public record Delivered(ServerEvent event) implements Item {}

  /**
   * Events after {@code lastEventId} are no longer held (too old, or from before a restart): the
   * client must read the current state again.
   */
  public record Gap(long lastEventId) implements Item {
    /** What a client is sent as the {@code reset} event's data, on every transport. */
    public Map<String, Object> wire() {
      return Map.of(
          "last_event_id",
          lastEventId,
          "message",
          "events after this id are no longer held; read the state again");
    }
  }

  /** The subscription ended: the hub closed, or the subscriber fell too far behind. */
  public record Ended(String reason) implements Item {
    /** What a client is sent as the {@code end} event's data, on every transport. */
    public Map<String, Object> wire() {
      return Map.of("message", reason);
    }
  }

  private final Predicate<ServerEvent> filter;
  private final Consumer<Subscription> onEnd;

  // A ring written by one thread at a time (the hub's, under its lock) and read by one (the
  // stream's): the publisher pays a filter test and a store per subscriber, no lock, no allocation.
  private final @Nullable Item[] slots;
  private volatile long head; // the next slot to read; the reader's
  private volatile long tail; // the next slot to write; the hub's
  private volatile @Nullable Thread waiting; // the reader, while it waits for an item
  private volatile boolean ended;

  Subscription(Predicate<ServerEvent> filter, int queueSize, Consumer<Subscription> onEnd) {
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be at least 1, was " + queueSize);
    }
    this.filter = filter;
    // Room for the end marker past a full queue.
    this.slots = new Item[queueSize + 2];
    this.onEnd = onEnd;
  }

  void offer(ServerEvent e) {
    if (ended || !filter.test(e)) {
      return;
    }
    if (slots.length - (tail - head) <= 1) {
      finish("the subscriber fell too far behind; reconnect with Last-Event-ID");
      return;
    }
    put(e.delivered());
  }

  void gap(long lastEventId) {
    put(new Gap(lastEventId));
  }

  void end() {
    finish("the server is closing");
  }

  private void finish(String reason) {
    if (!ended) {
      ended = true;
      if (tail - head < slots.length) {
        put(new Ended(reason));
      }
      onEnd.accept(this);
    }
  }

  private void put(Item item) {
    long t = tail;
    slots[(int) (t % slots.length)] = item;
    tail = t + 1; // publishes the slot to the reader
    Thread reader = waiting;
    if (reader != null) {
      LockSupport.unpark(reader);
    }
  }

  /** Moves up to {@code max} items that are already queued into {@code into}, without waiting. */
  public int drainTo(Collection<Item> into, int max) {
    long h = head;
    int n = (int) Math.min(max, tail - h);
    for (int i = 0; i < n; i++) {
      int slot = (int) ((h + i) % slots.length);
      into.add(slots[slot]);
      slots[slot] = null;
    }
    head = h + n; // frees the slots for the hub
    return n;
  }

  /** The next item, or null when none came within {@code wait}. */
  public @Nullable Item next(Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Item item = take();
      if (item != null) {
        return item;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      waiting = Thread.currentThread();
      try {
        if (head == tail) { // looked at again: an item put before waiting was set is not missed
          LockSupport.parkNanos(this, left);
        }
      } finally {
        waiting = null;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  private @Nullable Item take() {
    long h = head;
    if (h == tail) {
      return null;
    }
    int slot = (int) (h % slots.length);
    Item item = slots[slot];
    slots[slot] = null;
    head = h + 1;
    return item;
  }

  /** Leaves the hub (the client went away). */
  @Override
  public void close() {
    if (!ended) {
      ended = true;
      onEnd.accept(this);
    }
  }
}
