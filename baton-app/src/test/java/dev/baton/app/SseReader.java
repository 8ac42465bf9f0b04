package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client reading a Server-Sent Events stream, one parsed event at a time; or, opened
 * with {@link #openSocket}, the same events over {@code GET /api/v1/events/ws}.
 */
final class SseReader implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One event as received: its id (null for reset and end), name and data. */
  record Sse(@Nullable Long id, String event, JsonNode data) {}

  private final LinkedBlockingQueue<Sse> events = new LinkedBlockingQueue<>();
  private final Stream<String> lines;
  private final Thread reader;
  private java.net.http.@Nullable WebSocket socket;

  private SseReader(Stream<String> lines) {
    this.lines = lines;
    this.reader = Thread.ofVirtual().start(this::read);
  }

  /**
   * Opens the WebSocket at {@code uri} ({@code ws://...}); fails unless the upgrade succeeds. Each
   * text message {@code {"id", "event", "data"}} is read as one event.
   */
  static SseReader openSocket(URI uri, String... headers) throws Exception {
    SseReader r = new SseReader(Stream.empty());
    java.net.http.WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    r.socket =
        b.buildAsync(
                uri,
                new java.net.http.WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public java.util.concurrent.CompletionStage<?> onText(
                      java.net.http.WebSocket ws, CharSequence text, boolean last) {
                    partial.append(text);
                    if (last) {
                      JsonNode m = JSON.readTree(partial.toString());
                      partial.setLength(0);
                      JsonNode id = m.path("id");
                      r.events.add(
                          new Sse(
                              id.isNumber() ? id.asLong() : null,
                              m.path("event").asString(),
                              m.path("data")));
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    return r;
  }

  /** Opens the stream; fails unless it answers 200 with {@code text/event-stream}. */
  static SseReader open(URI uri, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<Stream<String>> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    return new SseReader(r.body());
  }

  private void read() {
    Long id = null;
    String event = "message";
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Sse(id, event, JSON.readTree(data.toString())));
          }
          id = null;
          event = "message";
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (RuntimeException e) {
      // The stream was closed.
    }
  }

  /** The next event, waiting up to {@code wait}; fails when none comes. */
  Sse next(Duration wait) throws InterruptedException {
    Sse e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(e).as("an event within " + wait).isNotNull();
    return e;
  }

  /**
   * The next event on {@code event} whose type is {@code type} about {@code subject}, skipping
   * others.
   */
  Sse until(String event, String type, String subject, Duration wait) throws InterruptedException {
    long end = System.nanoTime() + wait.toNanos();
    while (true) {
      Sse e = next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
      JsonNode d = e.data().path("data");
      boolean about =
          subject.equals(d.path("id").asString()) || subject.equals(d.path("job_id").asString());
      if (e.event().equals(event) && e.data().path("type").asString().equals(type) && about) {
        return e;
      }
    }
  }

  /** Events received and not yet read, without waiting. */
  java.util.List<Sse> drain() {
    java.util.List<Sse> out = new java.util.ArrayList<>();
    events.drainTo(out);
    return out;
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
    lines.close();
    reader.interrupt();
  }
}
