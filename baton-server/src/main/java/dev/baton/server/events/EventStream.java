package dev.baton.server.events;

import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import dev.baton.server.route.QueryParams;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Serves a hub's events to one HTTP request as Server-Sent Events, until the client goes away, the
 * hub ends the subscription or the server closes. Each event is {@code id: <id>}, {@code event:
 * <channel kind>} ({@code jobs}, {@code progress}...) and one {@code data:} line of JSON; a comment
 * line every {@link #HEARTBEAT} keeps proxies and the connection's idle timeout from closing a
 * quiet stream (and finds a client that left). A resume past what the ring holds first sends {@code
 * event: reset}: read the state again.
 *
 * <p>The request's (virtual) thread is held for the stream's life. Events are written in batches,
 * at most one write every {@link #PACE} (longer with many subscribers: {@link #rest}), each event
 * encoded once for all its subscribers. A stream asked to coalesce ({@code coalesce=true}) rests
 * {@link #COALESCED_PACE} instead and sends, of a job's events in one write, only the latest
 * ({@link LatestPerJob}).
 */
public final class EventStream implements AutoCloseable {
  public static final Duration HEARTBEAT = Duration.ofSeconds(15);

  /**
   * How long a stream rests after each write: events published meanwhile go out together in the
   * next write, so a busy server makes one write and one flush a subscriber every 50 ms, not one an
   * event (with hundreds of subscribers, a write an event cost more than the jobs themselves).
   */
  public static final Duration PACE = Duration.ofMillis(50);

  /**
   * The rest of a stream that coalesces: its client wants each job's current state, not every step,
   * so a longer rest costs it nothing it asked for, and more of a job's events fall into one write
   * (a busy server's job lives longer than 50 ms, less often than 250 ms) and go out as one.
   */
  public static final Duration COALESCED_PACE = Duration.ofMillis(250);

  /**
   * The writes a second that all of a server's subscribers together are made, at most: with many
   * subscribers each rests longer than {@link #PACE} (200 subscribers: 200 ms). A write costs the
   * same whether it carries one event or a hundred (a wake-up, a flush, a system call, and the
   * client's read), so the writes, not the events, were most of what subscribers cost a server.
   */
  static final int WRITES_PER_SECOND = 1000;

  private static final Duration POLL = Duration.ofMillis(500);

  /** Events a subscriber may be behind before it is ended: as many as the hub's ring holds. */
  private static final int QUEUE = EventHub.DEFAULT_CAPACITY;

  /** Items a write carries at most; a stream that filled one writes again without resting. */
  static final int BATCH = 512;

  private final EventHub hub;
  private final AtomicInteger streaming = new AtomicInteger();
  private volatile boolean closed;

  public EventStream(EventHub hub) {
    this.hub = hub;
  }

  /**
   * The id to resume after: the {@code Last-Event-ID} header (a browser's EventSource sends it when
   * it reconnects), else the {@code last_event_id} query parameter, else null.
   */
  public static @Nullable Long lastEventId(Context ctx) {
    String header = ctx.header("Last-Event-ID");
    if (header != null && !header.isBlank()) {
      try {
        long id = Long.parseLong(header.strip());
        if (id >= 0) {
          return id;
        }
      } catch (NumberFormatException e) {
        // Answered below, like the query parameter.
      }
      throw ApiError.badRequest(
          "header 'Last-Event-ID' must be an event id (digits), was '"
              + QueryParams.printable(header)
              + "'");
    }
    if (ctx.queryParam("last_event_id") == null) {
      return null;
    }
    return QueryParams.longInteger(ctx, "last_event_id", 0, 0, Long.MAX_VALUE);
  }

  /**
   * Whether the {@code coalesce} query parameter asks for the latest of each job's events only
   * ({@code true}); absent or {@code false}: every event.
   */
  public static boolean coalesce(Context ctx) {
    String v = ctx.queryParam("coalesce");
    if (v == null || v.equals("false")) {
      return false;
    }
    if (v.equals("true")) {
      return true;
    }
    throw ApiError.badRequest(
        "query parameter 'coalesce' must be true or false, was '" + QueryParams.printable(v) + "'");
  }

  /**
   * Streams the events {@code filter} takes, after {@code lastEventId} when it is not null; with
   * {@code coalesce}, a job's events that go out in the same write are cut to its latest. A client
   * that went away ends the stream quietly at the next write.
   */
  public void serve(
      Context ctx, Predicate<ServerEvent> filter, @Nullable Long lastEventId, boolean coalesce) {
    try {
      stream(ctx, filter, lastEventId, coalesce);
    } catch (IOException e) {
      // The client closed the connection: nothing to answer.
    }
  }

  private void stream(
      Context ctx, Predicate<ServerEvent> filter, @Nullable Long lastEventId, boolean coalesce)
      throws IOException {
    ctx.status(200);
    ctx.res().setContentType("text/event-stream;charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    Duration pace = coalesce ? COALESCED_PACE : PACE;
    streaming.incrementAndGet();
    try (Subscription sub = hub.subscribe(filter, lastEventId, QUEUE)) {
      write(out, "retry: 2000\n\n");
      long quietNanos = 0;
      List<Subscription.Item> items = new ArrayList<>(BATCH);
      while (!closed) {
        Subscription.Item first;
        try {
          first = sub.next(POLL);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (first == null) {
          quietNanos += POLL.toNanos();
          if (quietNanos >= HEARTBEAT.toNanos()) {
            write(out, ": keep-alive\n\n");
            quietNanos = 0;
          }
          continue;
        }
        // Whatever queued meanwhile goes out in the same write and flush.
        items.add(first);
        sub.drainTo(items, BATCH - 1);
        boolean full = items.size() >= BATCH; // before the cut: what queued, not what is sent
        if (coalesce) {
          LatestPerJob.cut(items);
        }
        // The response buffers what is written (32 KiB), so the frames are copied once, into it.
        boolean ended = encode(items, out);
        items.clear();
        out.flush();
        if (ended) {
          return;
        }
        quietNanos = 0;
        if (!full) {
          try {
            Thread.sleep(rest(pace, hub.subscribers()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    } finally {
      streaming.decrementAndGet();
    }
  }

  /**
   * How long a stream rests after a write: {@code least}, or longer when so many subscribers are
   * connected that they would be written to more than {@link #WRITES_PER_SECOND} times a second.
   */
  public static Duration rest(Duration least, int subscribers) {
    long nanos = subscribers * (1_000_000_000L / WRITES_PER_SECOND);
    return nanos > least.toNanos() ? Duration.ofNanos(nanos) : least;
  }

  /** Writes the items as SSE, unflushed; true when the last one ended the stream. */
  private static boolean encode(List<Subscription.Item> items, OutputStream out)
      throws IOException {
    for (Subscription.Item item : items) {
      switch (item) {
        case Subscription.Delivered d -> out.write(d.event().sseFrame());
        case Subscription.Gap g ->
            out.write(bytes("event: reset\ndata: " + Json.write(g.wire()) + "\n\n"));
        case Subscription.Ended end -> {
          out.write(bytes("event: end\ndata: " + Json.write(end.wire()) + "\n\n"));
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(bytes(text));
    out.flush();
  }

  /** How many streams are open. */
  public int open() {
    return streaming.get();
  }

  /** Ends every open stream within one poll (half a second); new requests end at once. */
  @Override
  public void close() {
    closed = true;
  }
}
