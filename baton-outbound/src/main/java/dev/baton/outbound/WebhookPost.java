package dev.baton.outbound;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of a delivery: one POST of a notice's JSON, its outcome said in words. Redirects
 * are never followed (a redirect is a failure); HTTP/1.1 only, as most webhook receivers expect.
 */
final class WebhookPost implements AutoCloseable {
  /** The W3C trace context header: the receiver continues the delivery's trace. */
  static final String TRACEPARENT_HEADER = "traceparent";

  private final HttpClient http;
  private final Duration connectTimeout;
  private final Duration requestTimeout;

  WebhookPost(DeliveryOptions options) {
    this.connectTimeout = options.connectTimeout();
    this.requestTimeout = options.requestTimeout();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * One POST, with {@code traceparent} as its W3C trace context header when not null, and the
   * {@code signature} headers ({@link WebhookSignature}; empty when unsigned). Returns null on a
   * 2xx answer, otherwise what went wrong. The whole attempt, from sending to the full answer, is
   * bounded by the request timeout.
   *
   * @throws InterruptedException when closing cancelled it
   */
  @Nullable String send(
      URI uri,
      String noticeId,
      byte[] body,
      @Nullable String traceparent,
      Map<String, String> signature)
      throws InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Baton-Webhook/1")
            .header(NoticeDelivery.NOTICE_ID_HEADER, noticeId);
    if (traceparent != null) {
      builder.header(TRACEPARENT_HEADER, traceparent);
    }
    signature.forEach(builder::header);
    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    CompletableFuture<HttpResponse<Void>> sent =
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      int status = sent.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS).statusCode();
      return status >= 200 && status < 300 ? null : "HTTP " + status;
    } catch (TimeoutException e) {
      sent.cancel(true);
      return "no answer within " + seconds(requestTimeout);
    } catch (InterruptedException e) {
      sent.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      return describe(e.getCause() == null ? e : e.getCause());
    }
  }

  private String describe(Throwable t) {
    if (t instanceof HttpConnectTimeoutException) {
      return "could not connect within " + seconds(connectTimeout);
    }
    if (t instanceof HttpTimeoutException) {
      return "no answer within " + seconds(requestTimeout);
    }
    String message = t.getMessage();
    if (t instanceof ConnectException) {
      return "could not connect" + (message == null ? "" : ": " + message);
    }
    String kind = t instanceof IOException ? "I/O error" : t.getClass().getSimpleName();
    return kind + (message == null ? " (" + t.getClass().getSimpleName() + ")" : ": " + message);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Cuts the connections; a request under way fails. */
  @Override
  public void close() {
    http.shutdownNow();
  }
}
