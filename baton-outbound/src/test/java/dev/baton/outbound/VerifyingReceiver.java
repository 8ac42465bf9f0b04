package dev.baton.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A webhook receiver that checks signatures as docs/webhooks.md tells receivers to (its Python
 * {@code verify} line for line): 204 for a genuine, fresh delivery, 401 otherwise. It keeps every
 * request, headers and exact body bytes, so a test can replay one changed.
 */
final class VerifyingReceiver implements AutoCloseable {
  record Request(
      Map<String, String> headers, byte[] body, int answered, @Nullable String refusal) {}

  static final long TOLERANCE_SECONDS = 300;

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final String secret;
  private final Clock clock;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  VerifyingReceiver(String secret, Clock clock) throws IOException {
    this.secret = secret;
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** Null when genuine and fresh, else why not: the receiver's side of the scheme. */
  static @Nullable String verify(
      String secret, Map<String, String> headers, byte[] body, long nowSeconds) throws Exception {
    String id = headers.get("webhook-id");
    String ts = headers.get("webhook-timestamp");
    String sigs = headers.get("webhook-signature");
    if (id == null || ts == null || sigs == null) {
      return "unsigned";
    }
    long t;
    try {
      t = Long.parseLong(ts);
    } catch (NumberFormatException e) {
      return "bad timestamp";
    }
    if (Math.abs(nowSeconds - t) > TOLERANCE_SECONDS) {
      return "stale timestamp";
    }
    byte[] key =
        secret.startsWith("whsec_")
            ? Base64.getDecoder().decode(secret.substring(6))
            : secret.getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
    for (String sig : sigs.split(" ")) {
      int comma = sig.indexOf(',');
      if (comma > 0
          && sig.substring(0, comma).equals("v1")
          && MessageDigest.isEqual(
              sig.substring(comma + 1).getBytes(StandardCharsets.US_ASCII), expected)) {
        return null;
      }
    }
    return "bad signature";
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new java.util.TreeMap<>();
    ex.getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    String refusal;
    try {
      refusal = verify(secret, headers, body, clock.instant().getEpochSecond());
    } catch (Exception e) {
      refusal = e.toString();
    }
    int status = refusal == null ? 204 : 401;
    requests.add(new Request(headers, body, status, refusal));
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
