package dev.baton.server.events;

import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import dev.baton.server.route.QueryParams;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * <p>The request's (virtual) thread is held for the stream's life.
 */
public final class EventStream implements AutoCloseable {
  public static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int QUEUE = 1024;

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
   * Streams the events {@code filter} takes, after {@code lastEventId} when it is not null. A
   * client that went away ends the stream quietly at the next write.
   */
  public void serve(Context ctx, Predicate<ServerEvent> filter, @Nullable Long lastEventId) {
    try {
      stream(ctx, filter, lastEventId);
    } catch (IOException e) {
      // The client closed the connection: nothing to answer.
    }
  }

  private void stream(Context ctx, Predicate<ServerEvent> filter, @Nullable Long lastEventId)
      throws IOException {
    ctx.status(200);
    ctx.res().setContentType("text/event-stream;charset=utf-8");
    ctx.res().setHeader("Cache-Control", "no-cache");
    ctx.res().setHeader("X-Accel-Buffering", "no");
    OutputStream out = ctx.res().getOutputStream();
    streaming.incrementAndGet();
    try (Subscription sub = hub.subscribe(filter, lastEventId, QUEUE)) {
      write(out, "retry: 2000\n\n");
      long quietNanos = 0;
      while (!closed) {
        Subscription.Item item;
        try {
          item = sub.next(POLL);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        switch (item) {
          case null -> {
            quietNanos += POLL.toNanos();
            if (quietNanos >= HEARTBEAT.toNanos()) {
              write(out, ": keep-alive\n\n");
              quietNanos = 0;
            }
          }
          case Subscription.Delivered d -> {
            ServerEvent e = d.event();
            write(
                out, "id: " + e.id() + "\nevent: " + e.kind() + "\ndata: " + Json.write(e.wire()));
            write(out, "\n\n");
            quietNanos = 0;
          }
          case Subscription.Gap g ->
              write(out, "event: reset\ndata: " + Json.write(g.wire()) + "\n\n");
          case Subscription.Ended end -> {
            write(out, "event: end\ndata: " + Json.write(end.wire()) + "\n\n");
            return;
          }
        }
      }
    } finally {
      streaming.decrementAndGet();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
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
