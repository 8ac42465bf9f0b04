package dev.baton.fleet.web;

import dev.baton.fleet.Envelope;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One robot connection's messages, handled in parallel where that cannot change an outcome: a
 * message about a job ({@code payload.job_id}) waits only for the earlier messages about the same
 * job, so a job's accept, progress and completion are handled in the order the robot sent them,
 * while another job's completion need not wait behind them. A message about no job (register,
 * heartbeat, a log batch, a goodbye) keeps connection order against everything: it starts once
 * every earlier message is done, and nothing later starts before it is done.
 *
 * <p>At most {@code limit} messages are held (running or waiting); {@link #post} then blocks the
 * connection's reader, so a robot that sends faster than the server handles is slowed down rather
 * than buffered without bound. {@link #close} runs its last action after every message posted
 * before it (a robot that completes a job and hangs up has its completion handled before it is
 * taken offline); messages posted after it are dropped.
 */
final class Inbox {
  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  /** A message, or the last action (no key, like a message about no job). */
  private record Item(@Nullable String key, Runnable action) {}

  private final Executor executor;
  private final int limit;
  private final Consumer<Envelope> handler;
  private final ArrayDeque<Item> waiting = new ArrayDeque<>();
  private final Set<String> runningKeys = new HashSet<>();
  private int running;
  private int held;
  private boolean orderedRunning;
  private boolean closed;

  Inbox(Executor executor, int limit, Consumer<Envelope> handler) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    this.executor = executor;
    this.limit = limit;
    this.handler = handler;
  }

  /** The job a message is about, or null for one that keeps connection order. */
  static @Nullable String keyOf(Envelope m) {
    return m.payload().get("job_id") instanceof String id && !id.isEmpty() ? id : null;
  }

  /**
   * Takes a message, in the order the connection delivered it; blocks while {@code limit} are held.
   *
   * @throws InterruptedException when the reader is interrupted while waiting (the message is
   *     dropped)
   */
  void post(Envelope m) throws InterruptedException {
    synchronized (this) {
      while (held >= limit && !closed) {
        wait();
      }
      if (closed) {
        return; // the connection is over: what it still sends is not the robot's any more
      }
      add(new Item(keyOf(m), () -> handler.accept(m)));
    }
  }

  /** No more messages: {@code last} runs after every message posted before. */
  synchronized void close(Runnable last) {
    if (closed) {
      return;
    }
    closed = true;
    add(new Item(null, last)); // past the limit: a close must not wait
    notifyAll();
  }

  /** Messages held, running or waiting. */
  synchronized int held() {
    return held;
  }

  private void add(Item item) {
    held++;
    waiting.addLast(item);
    startReady();
  }

  /** Starts every waiting item that its order allows (called holding the lock). */
  private void startReady() {
    if (orderedRunning) {
      return;
    }
    Set<String> blocked = new HashSet<>();
    for (Iterator<Item> it = waiting.iterator(); it.hasNext(); ) {
      Item item = it.next();
      String key = item.key();
      if (key == null) {
        if (running == 0) {
          it.remove();
          orderedRunning = true;
          start(item);
        }
        return; // nothing after a message in connection order starts before it is done
      }
      if (runningKeys.contains(key) || blocked.contains(key)) {
        blocked.add(key); // a later message of this job waits for the earlier one
        continue;
      }
      it.remove();
      runningKeys.add(key);
      start(item);
    }
  }

  private void start(Item item) {
    running++;
    try {
      executor.execute(() -> run(item));
    } catch (RuntimeException e) {
      // The executor refused (shut down): the item is dropped, and what waits on it is freed by
      // the next item's end or post (not here: the caller is still walking the waiting items).
      log.warn("robot message not handled: {}", e.toString());
      release(item);
    }
  }

  private void run(Item item) {
    try {
      item.action().run();
    } catch (RuntimeException e) {
      log.error("robot message handler failed", e); // the protocol answers errors itself
    } finally {
      synchronized (this) {
        done(item);
      }
    }
  }

  private void done(Item item) {
    release(item);
    startReady();
  }

  private void release(Item item) {
    running--;
    held--;
    if (item.key() == null) {
      orderedRunning = false;
    } else {
      runningKeys.remove(item.key());
    }
    notifyAll();
  }
}
