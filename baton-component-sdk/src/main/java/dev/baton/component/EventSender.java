package dev.baton.component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts avena events to {@code http://address:port/endpoint}. A send succeeds when the peer answers
 * 2xx (it only acknowledges receipt; the outcome comes later as a reply event).
 */
public final class EventSender {
  private final HttpClient http;
  private final Duration timeout;

  public EventSender(Duration timeout) {
    this.timeout = timeout;
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
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(event.toJson()))
            .build();
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
