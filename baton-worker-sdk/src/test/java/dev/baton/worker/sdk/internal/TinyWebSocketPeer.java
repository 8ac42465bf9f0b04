package dev.baton.worker.sdk.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The server half of RFC 6455, only as much as the worker WebSocket uses: the handshake, unmasking
 * client text and close frames, and sending small text frames. The JDK has no WebSocket server.
 * Public for the robot client's tests, in a package of their own.
 */
public final class TinyWebSocketPeer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  public final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
  private final ServerSocket server;
  private final Thread acceptor;

  public TinyWebSocketPeer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = Thread.ofVirtual().start(this::acceptLoop);
  }

  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket socket = server.accept();
        connections.add(new Connection(socket));
      }
    } catch (IOException e) {
      // closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    // A server socket closed while a virtual thread waits in accept() goes on taking connections
    // until that thread wakes (measured: 79 of 300 connects right after close() succeeded on a
    // loaded machine); a test's node that is down must refuse them at once.
    try {
      acceptor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static final class Connection {
    public final String path;
    public final Map<String, String> headers = new HashMap<>();
    public final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final CountDownLatch closeFrame = new CountDownLatch(1);
    volatile int closeCode = -1;
    private final Socket socket;
    private final OutputStream out;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      this.path = readLine(in).split(" ", -1)[1];
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int colon = line.indexOf(':');
        headers.put(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
      String accept = accept(headers.getOrDefault("sec-websocket-key", ""));
      out.write(
          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Accept: "
                  + accept
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.ofVirtual().start(() -> readFrames(new DataInputStream(in)));
    }

    public synchronized void sendText(String text) throws IOException {
      frame(0x81, text);
    }

    /** The same message split over a text frame and a continuation frame. */
    synchronized void sendFragmented(String first, String rest) throws IOException {
      frame(0x01, first);
      frame(0x80, rest);
    }

    /** Drops the TCP connection without a close handshake, like a crashed orchestrator. */
    public void drop() throws IOException {
      // The FIN goes out now, as when a killed process's kernel closes its sockets; a plain close
      // may wait for this connection's reader thread to wake up first.
      socket.shutdownOutput();
      socket.close();
    }

    private void frame(int head, String text) throws IOException {
      byte[] payload = text.getBytes(StandardCharsets.UTF_8);
      out.write(head);
      if (payload.length < 126) {
        out.write(payload.length);
      } else {
        out.write(126);
        out.write(payload.length >> 8);
        out.write(payload.length & 0xff);
      }
      out.write(payload);
      out.flush();
    }

    private void readFrames(DataInputStream in) {
      try {
        while (true) {
          int opcode = in.readUnsignedByte() & 0x0f;
          long length = in.readUnsignedByte() & 0x7f;
          if (length == 126) {
            length = in.readUnsignedShort();
          } else if (length == 127) {
            length = in.readLong();
          }
          byte[] mask = in.readNBytes(4);
          byte[] payload = in.readNBytes((int) length);
          for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
          }
          if (opcode == 0x1) {
            received.add(new String(payload, StandardCharsets.UTF_8));
          } else if (opcode == 0x8) {
            closeCode = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 0;
            closeFrame.countDown();
            socket.close();
            return;
          }
        }
      } catch (IOException e) {
        // connection gone
      }
    }

    private static String readLine(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed during handshake");
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.US_ASCII);
    }

    private static String accept(String key) {
      try {
        byte[] sha1 =
            MessageDigest.getInstance("SHA-1")
                .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(sha1);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
