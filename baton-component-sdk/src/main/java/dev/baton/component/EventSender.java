package dev.baton.component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Posts avena events to {@code http://address:port/endpoint}. A send succeeds when the peer answers
 * 2xx (it only acknowledges receipt; the outcome comes later as a reply event).
 */
public final class EventSender {
  /** The header in which a component's events carry its shared secret to Baton. */
  public static final String SECRET_HEADER = "X-Baton-Component-Secret";

  private final HttpClient http;
  private final Duration timeout;
  private final @Nullable String secret;

  public EventSender(Duration timeout) {
    this(timeout, null);
  }

  /**
   * @param secret sent in {@link #SECRET_HEADER} with every event (Baton's {@code secret} of this
   *     component), or null for none
   */
  public EventSender(Duration timeout, @Nullable String secret) {
    this.timeout = timeout;
    this.secret = secret;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * Sends and waits for the acknowledgement.
   *
   * @throws IOException when the peer cannot be reached or answers other than 2xx; the message says
   *     which
   */
  public void send(String address, int port, String endpoint, Event event) throws IOException {
    String path = endpoint.startsWith("/") ? endpoint : "/" + endpoint;
    URI uri = URI.create("http://" + address + ":" + port + path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(event.toJson()));
    if (secret != null) {
      b.header(SECRET_HEADER, secret);
    }
    HttpRequest request = b.build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending to " + uri, e);
    } catch (IOException e) {
      throw new IOException(
          uri
              + " unreachable: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
    }
  }
}
