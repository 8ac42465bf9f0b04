package dev.baton.server.access;

import dev.baton.engine.Engine;
import dev.baton.server.ServerOptions;
import dev.baton.store.CounterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A fixed-window request counter, as Avtomatika's worker rate limit: a key may make {@code limit}
 * requests in a window that starts at its first request; further requests are refused until the
 * window has passed.
 *
 * <p>The server's limiter counts in the store ({@link #of(ServerOptions, Engine)}): one guarded
 * upsert per request ({@link CounterStore#countRequest}), so the limit holds across every node on
 * one database and over a restart; windows that passed are deleted once per window. A limiter made
 * with {@link #RateLimiter(int, Duration, Clock)} counts in this process's memory instead, which is
 * bounded: keys whose window has passed are dropped once per window, and beyond {@link #MAX_KEYS}
 * live keys the oldest are dropped first. Thread-safe.
 */
public final class RateLimiter {
  /** The most keys kept at once. */
  public static final int MAX_KEYS = 100_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> lastSweep;
  private final @Nullable CounterStore store;

  private record Window(Instant start, int count) {}

  /**
   * @param limit requests allowed per key in one window
   * @param window how long a window lasts
   * @param clock the time; tests move it by hand
   */
  public RateLimiter(int limit, Duration window, Clock clock) {
    this(limit, window, clock, null);
  }

  /**
   * A limiter that counts in {@code store} (null: in memory), shared by every process on it.
   *
   * @param limit requests allowed per key in one window
   * @param window how long a window lasts
   * @param clock the time; tests move it by hand
   */
  public RateLimiter(int limit, Duration window, Clock clock, @Nullable CounterStore store) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.limit = limit;
    this.window = window;
    this.clock = clock;
    this.lastSweep = new AtomicReference<>(clock.instant());
    this.store = store;
  }

  /**
   * The limiter the options ask for, counting in the engine's store, or null when rate limiting is
   * off (then nothing is written).
   */
  public static @Nullable RateLimiter of(ServerOptions options, Engine engine) {
    return options.rateLimiting()
        ? new RateLimiter(
            options.rateLimitRequests(),
            options.rateLimitWindow(),
            engine.clock(),
            engine.counters())
        : null;
  }

  /**
   * Counts one request of {@code key}; false when the key has used up its window.
   *
   * @throws dev.baton.store.StoreException when the store cannot count it (the route answers 503)
   */
  public boolean tryAcquire(String key) {
    Instant now = clock.instant();
    CounterStore s = store;
    if (s != null) {
      forgetPassedWindows(s, now);
      return s.countRequest(key, now, window, limit);
    }
    sweep(now);
    Window w =
        windows.compute(
            key,
            (k, old) ->
                old == null || expired(old, now)
                    ? new Window(now, 1)
                    // Stop counting past the limit: the answer no longer changes.
                    : new Window(old.start(), Math.min(old.count() + 1, limit + 1)));
    return w.count() <= limit;
  }

  /** How many keys are counted now in memory (0 for a limiter that counts in the store). */
  public int keys() {
    return windows.size();
  }

  public int limit() {
    return limit;
  }

  public Duration window() {
    return window;
  }

  private boolean expired(Window w, Instant now) {
    return !now.isBefore(w.start().plus(window));
  }

  /** Once a window on this node: a window that started a window ago or earlier has passed. */
  private void forgetPassedWindows(CounterStore s, Instant now) {
    Instant last = lastSweep.get();
    if (!now.isBefore(last.plus(window)) && lastSweep.compareAndSet(last, now)) {
      s.forgetWindows(now.minus(window));
    }
  }

  private void sweep(Instant now) {
    Instant last = lastSweep.get();
    boolean due = !now.isBefore(last.plus(window)) && lastSweep.compareAndSet(last, now);
    if (due || windows.size() >= MAX_KEYS) {
      windows.values().removeIf(w -> expired(w, now));
    }
    if (windows.size() >= MAX_KEYS) {
      dropOldest();
    }
  }

  /** Every window is live: drop those that started first, until a tenth of the room is free. */
  private synchronized void dropOldest() {
    int excess = windows.size() - MAX_KEYS * 9 / 10;
    if (excess <= 0) {
      return;
    }
    Instant cutoff =
        windows.values().stream()
            .map(Window::start)
            .sorted()
            .skip(excess - 1L)
            .findFirst()
            .orElse(Instant.MAX);
    for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
      if (!it.next().start().isAfter(cutoff)) {
        it.remove();
      }
    }
  }
}
