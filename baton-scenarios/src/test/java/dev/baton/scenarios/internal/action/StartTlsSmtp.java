package dev.baton.scenarios.internal.action;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small SMTP server on port 0 that offers STARTTLS (GreenMail's SMTP does not) and refuses
 * everything but EHLO, STARTTLS and QUIT until the session is encrypted. It keeps the AUTH lines
 * and each message's raw text.
 */
final class StartTlsSmtp implements AutoCloseable {
  final List<String> auths = new CopyOnWriteArrayList<>();
  final List<String> messages = new CopyOnWriteArrayList<>();
  private final ServerSocket socket;
  private final SSLContext tls;

  StartTlsSmtp(SSLContext tls) throws IOException {
    this.tls = tls;
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(() -> {
          while (!socket.isClosed()) {
            try {
              Socket s = socket.accept();
              Thread.ofVirtual().start(() -> session(s));
            } catch (IOException e) {
              return;
            }
          }
        });
  }

  int port() {
    return socket.getLocalPort();
  }

  private void session(Socket plain) {
    Socket s = plain;
    boolean secure = false;
    try {
      var in = reader(s);
      OutputStream out = s.getOutputStream();
      say(out, "220 starttls-smtp ready");
      String line;
      while ((line = in.readLine()) != null) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("EHLO")) {
          say(
              out,
              secure
                  ? "250-starttls-smtp\r\n250 AUTH PLAIN LOGIN XOAUTH2"
                  : "250-x\r\n250 STARTTLS");
        } else if (upper.equals("STARTTLS")) {
          say(out, "220 go ahead");
          SSLSocket ssl =
              (SSLSocket) tls.getSocketFactory().createSocket(s, "localhost", s.getPort(), true);
          ssl.setUseClientMode(false);
          ssl.startHandshake();
          s = ssl;
          secure = true;
          in = reader(s);
          out = s.getOutputStream();
        } else if (upper.equals("QUIT")) {
          say(out, "221 bye");
          return;
        } else if (!secure) {
          say(out, "530 5.7.0 must issue a STARTTLS command first");
        } else if (upper.startsWith("AUTH")) {
          auths.add(line);
          say(out, "235 ok");
        } else if (upper.startsWith("MAIL FROM") || upper.startsWith("RCPT TO")) {
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
        } else {
          say(out, "502 unknown");
        }
      }
    } catch (IOException e) {
      // the client went away (or refused our certificate); nothing to keep
    } finally {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private static BufferedReader reader(Socket s) throws IOException {
    return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
  }

  private static void say(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
