package dev.baton.scenarios;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real SMTP server on port 0 for tests: speaks EHLO, AUTH, MAIL, RCPT, DATA, QUIT and keeps
 * each message's raw text. When {@code refusing}, it answers MAIL FROM with 554.
 */
final class TestSmtp implements AutoCloseable {
  final List<String> messages = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  volatile boolean refusing;
  private final ServerSocket socket;

  TestSmtp(boolean refusing) throws IOException {
    this.refusing = refusing;
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        Thread.ofVirtual().start(() -> session(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void session(Socket s) {
    try (s) {
      var in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      say(out, "220 test-smtp ready");
      String line;
      while ((line = in.readLine()) != null) {
        String upper = line.toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("EHLO")) {
          say(out, "250-test-smtp\r\n250 AUTH PLAIN");
        } else if (upper.startsWith("AUTH")) {
          say(out, "235 ok");
        } else if (upper.startsWith("MAIL FROM")) {
          say(out, refusing ? "554 5.7.1 relay refused" : "250 ok");
        } else if (upper.startsWith("RCPT TO")) {
          say(out, "250 ok");
        } else if (upper.equals("DATA")) {
          say(out, "354 go on");
          StringBuilder m = new StringBuilder();
          String d;
          while ((d = in.readLine()) != null && !d.equals(".")) {
            m.append(d).append('\n');
          }
          messages.add(m.toString());
          say(out, "250 queued");
        } else if (upper.equals("QUIT")) {
          say(out, "221 bye");
          return;
        } else {
          say(out, "502 unknown");
        }
      }
    } catch (IOException e) {
      // the client went away; nothing to keep
    }
  }

  private static void say(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The subject of a message, decoded from its RFC 2047 form. */
  static String subject(String message) {
    String encoded =
        message
            .lines()
            .filter(l -> l.startsWith("Subject: "))
            .findFirst()
            .orElseThrow()
            .substring(9);
    String b64 = encoded.replace("=?UTF-8?B?", "").replace("?=", "");
    return new String(java.util.Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
