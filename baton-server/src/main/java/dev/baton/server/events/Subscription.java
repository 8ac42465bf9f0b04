package dev.baton.server.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** One subscriber's queue of events; read by one thread (its stream), fed by the hub. */
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
  private final BlockingQueue<Item> queue;
  private final Consumer<Subscription> onEnd;
  private volatile boolean ended;

  Subscription(Predicate<ServerEvent> filter, int queueSize, Consumer<Subscription> onEnd) {
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be at least 1, was " + queueSize);
    }
    this.filter = filter;
    // Room for the end marker past a full queue.
    this.queue = new ArrayBlockingQueue<>(queueSize + 2);
    this.onEnd = onEnd;
  }

  void offer(ServerEvent e) {
    if (ended || !filter.test(e)) {
      return;
    }
    if (queue.remainingCapacity() <= 1) {
      finish("the subscriber fell too far behind; reconnect with Last-Event-ID");
      return;
    }
    queue.add(new Delivered(e));
  }

  void gap(long lastEventId) {
    queue.add(new Gap(lastEventId));
  }

  void end() {
    finish("the server is closing");
  }

  private void finish(String reason) {
    if (!ended) {
      ended = true;
      queue.offer(new Ended(reason));
      onEnd.accept(this);
    }
  }

  /** Moves up to {@code max} items that are already queued into {@code into}, without waiting. */
  public int drainTo(java.util.Collection<Item> into, int max) {
    return queue.drainTo(into, max);
  }

  /** The next item, or null when none came within {@code wait}. */
  public @Nullable Item next(Duration wait) throws InterruptedException {
    return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
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
