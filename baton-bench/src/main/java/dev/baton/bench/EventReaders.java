package dev.baton.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients each holding one event stream open on a thread of its own, counting the events in the
 * bytes they read: over Server-Sent Events ({@code GET /api/v1/events}) or the WebSocket ({@code
 * GET /api/v1/events/ws}). Each is a plain socket: HTTP/1.0 for SSE (the response is the stream's
 * bytes, no chunk framing), a hand-made upgrade for the WebSocket (the server's frames are not
 * masked), so that what the subscribers themselves cost on this machine is as little as a client
 * can cost.
 */
final class EventReaders implements AutoCloseable {
  /** How the readers subscribe. */
  enum Transport {
    SSE,
    WEBSOCKET
  }

  private final AtomicLongArray events;

  /** Every byte read, the response's head included. */
  final LongAdder bytes = new LongAdder();

  private final List<Thread> threads = new ArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  /** {@code uri} is the stream's address with its query ({@code ?channels=jobs}). */
  EventReaders(URI uri, int n, Transport transport) {
    events = new AtomicLongArray(n);
    for (int i = 0; i < n; i++) {
      int index = i;
      threads.add(
          Thread.ofPlatform()
              .daemon()
              .name("bench-subscriber-" + i)
              .start(() -> read(uri, index, transport)));
    }
  }

  private void read(URI uri, int index, Transport transport) {
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      sockets.add(socket);
      OutputStream out = socket.getOutputStream();
      out.write(request(uri, transport).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      if (transport == Transport.SSE) {
        readSse(in, index);
      } else {
        readFrames(in, index);
      }
    } catch (IOException e) {
      // Closed at the end of the run.
    }
  }

  private static String request(URI uri, Transport transport) {
    String target = uri.getRawPath() + "?" + uri.getRawQuery();
    String host = "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n";
    if (transport == Transport.SSE) {
      return "GET " + target + " HTTP/1.0\r\n" + host + "Accept: text/event-stream\r\n\r\n";
    }
    return "GET "
        + target
        + " HTTP/1.1\r\n"
        + host
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  }

  /** An event is the one line that starts with 'i' ({@code id: ...}); one compare a byte. */
  private void readSse(InputStream in, int index) throws IOException {
    byte[] buf = new byte[65536];
    boolean lineStart = false;
    long seen = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      bytes.add(n);
      for (int k = 0; k < n; k++) {
        byte c = buf[k];
        if (lineStart && c == 'i') {
          seen++;
        }
        lineStart = c == '\n';
      }
      events.set(index, seen);
    }
  }

  /**
   * Skips the upgrade's answer (up to its blank line), then reads frame headers and skips their
   * payloads: an event is a text message, counted at its last frame.
   */
  private void readFrames(InputStream in, int index) throws IOException {
    byte[] buf = new byte[65536];
    int headEnd = 0; // how much of "\r\n\r\n" was matched; 4 once the answer's head is read
    byte[] header = new byte[10];
    int have = 0;
    int need = 2;
    long skip = 0;
    long seen = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      bytes.add(n);
      int k = 0;
      while (headEnd < 4 && k < n) {
        byte c = buf[k++];
        headEnd = c == (headEnd % 2 == 0 ? '\r' : '\n') ? headEnd + 1 : (c == '\r' ? 1 : 0);
      }
      while (k < n) {
        if (skip > 0) {
          int s = (int) Math.min(skip, n - k);
          k += s;
          skip -= s;
          continue;
        }
        header[have++] = buf[k++];
        if (have == 2) {
          int len7 = header[1] & 0x7f;
          need = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
        }
        if (have >= 2 && have == need) {
          int len7 = header[1] & 0x7f;
          long length = len7;
          if (len7 >= 126) {
            length = 0;
            for (int b = 2; b < need; b++) {
              length = (length << 8) | (header[b] & 0xff);
            }
          }
          int opcode = header[0] & 0x0f;
          boolean fin = (header[0] & 0x80) != 0;
          if (fin && (opcode == 1 || opcode == 0)) {
            seen++;
          }
          skip = length;
          have = 0;
          need = 2;
        }
      }
      events.set(index, seen);
    }
  }

  /** The fewest events one subscriber has. */
  long least() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < events.length(); i++) {
      least = Math.min(least, events.get(i));
    }
    return events.length() == 0 ? 0 : least;
  }

  long total() {
    long sum = 0;
    for (int i = 0; i < events.length(); i++) {
      sum += events.get(i);
    }
    return sum;
  }

  @Override
  public void close() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // Going anyway.
      }
    }
    threads.forEach(Thread::interrupt);
  }
}
