package dev.baton.scenarios.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A plain SMTP client for {@code send_email}: EHLO, optional STARTTLS or implicit TLS, AUTH PLAIN,
 * one message to all recipients, UTF-8 text. A reply other than the expected code fails the whole
 * send with the server's words, so the action fails and its error counter counts.
 */
public final class Smtp {
  /** Where and how to send, from an {@code email} component. */
  public record Server(
      String host,
      int port,
      String username,
      String password,
      boolean starttls,
      boolean tls,
      String from,
      int timeoutMillis) {}

  private final Server server;

  public Smtp(Server server) {
    this.server = server;
  }

  /**
   * @throws IOException naming the SMTP step that failed and the server's reply
   */
  public void send(List<String> to, String subject, String body) throws IOException {
    Socket socket = server.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
    try {
      socket.connect(new InetSocketAddress(server.host(), server.port()), server.timeoutMillis());
      socket.setSoTimeout(server.timeoutMillis());
      Session s = new Session(socket);
      s.expect("greeting", 220);
      s.command("EHLO baton", 250);
      if (server.starttls() && !server.tls()) {
        s.command("STARTTLS", 220);
        SSLSocket secure =
            (SSLSocket)
                ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, server.host(), server.port(), true);
        secure.startHandshake();
        socket = secure;
        s = new Session(secure);
        s.command("EHLO baton", 250);
      }
      if (!server.username().isEmpty()) {
        String token = "\0" + server.username() + "\0" + server.password();
        s.command(
            "AUTH PLAIN "
                + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)),
            235);
      }
      s.command("MAIL FROM:<" + server.from() + ">", 250);
      for (String rcpt : to) {
        s.command("RCPT TO:<" + rcpt + ">", 250, 251);
      }
      s.command("DATA", 354);
      s.data(message(to, subject, body));
      s.expect("message", 250);
      s.command("QUIT", 221);
    } finally {
      socket.close();
    }
  }

  private String message(List<String> to, String subject, String body) {
    String encodedSubject =
        "=?UTF-8?B?"
            + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8))
            + "?=";
    StringBuilder m = new StringBuilder();
    m.append("From: ").append(server.from()).append("\r\n");
    m.append("To: ").append(String.join(", ", to)).append("\r\n");
    m.append("Subject: ").append(encodedSubject).append("\r\n");
    m.append("Date: ")
        .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()))
        .append("\r\n");
    m.append("MIME-Version: 1.0\r\n");
    m.append("Content-Type: text/plain; charset=UTF-8\r\n");
    m.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
    for (String line : body.replace("\r\n", "\n").split("\n", -1)) {
      // Dot-stuffing: a line starting with "." would otherwise end the message early.
      m.append(line.startsWith(".") ? "." + line : line).append("\r\n");
    }
    return m.toString();
  }

  private static final class Session {
    private final BufferedReader in;
    private final OutputStream out;

    Session(Socket socket) throws IOException {
      this.in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.out = socket.getOutputStream();
    }

    void command(String line, int... ok) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String what = line.startsWith("AUTH") ? "AUTH" : line;
      expect(what, ok);
    }

    void data(String message) throws IOException {
      out.write(message.getBytes(StandardCharsets.UTF_8));
      out.write(".\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** Reads a (multi-line) reply and checks its code. */
    void expect(String step, int... ok) throws IOException {
      String line;
      StringBuilder reply = new StringBuilder();
      do {
        line = in.readLine();
        if (line == null) {
          throw new IOException("SMTP " + step + ": the server closed the connection");
        }
        reply.append(line).append(' ');
      } while (line.length() > 3 && line.charAt(3) == '-');
      int code;
      try {
        code = Integer.parseInt(line.substring(0, 3));
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw new IOException("SMTP " + step + ": not an SMTP reply: " + line);
      }
      for (int c : ok) {
        if (c == code) {
          return;
        }
      }
      throw new IOException("SMTP " + step + " refused: " + reply.toString().strip());
    }
  }
}
