package dev.baton.loop.internal;

import dev.baton.loop.ActionRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code alert} action: logs the message at WARN and, when a webhook is configured, POSTs it
 * there as JSON ({@code {"event": "baton.alert", ...}}). A webhook that fails or answers outside
 * 2xx fails the action (recorded in the ledger as {@code orchestrator.action_failed}); it is not
 * retried within the cycle, the rule's next firing is the retry.
 */
public final class Alert {
  private static final Logger log = LoggerFactory.getLogger(Alert.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final @Nullable URI webhook;
  private final Clock clock;
  private final HttpClient http;
  private final Duration timeout;

  public Alert(@Nullable URI webhook, Clock clock, Duration timeout) {
    this.webhook = webhook;
    this.clock = clock;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  Map<String, ?> send(ActionRequest r) {
    String message = r.text("message", r.decision().reason());
    log.warn("ALERT ({}): {}", r.decision().rule(), message);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("logged", true);
    if (webhook == null) {
      out.put("webhook", "not configured");
      return out;
    }
    Map<String, @Nullable Object> body = new LinkedHashMap<>();
    body.put("event", "baton.alert");
    body.put("message", message);
    body.put("rule", r.decision().rule());
    body.put("priority", r.decision().priority());
    body.put("system", r.snapshot().get("system"));
    body.put("at", clock.instant().toString());
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException("alert webhook " + webhook + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("alert webhook " + webhook + " interrupted", e);
    }
    if (status / 100 != 2) {
      throw new IllegalStateException("alert webhook " + webhook + " answered " + status);
    }
    out.put("webhook", status);
    return out;
  }
}
