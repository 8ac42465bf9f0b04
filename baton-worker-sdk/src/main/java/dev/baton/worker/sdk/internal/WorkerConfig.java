package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.TaskHandler;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link dev.baton.worker.sdk.Worker} was built with, validated by its builder.
 *
 * @param description extra registration fields (resources, installed_models, cost_per_second, …)
 * @param openTelemetry where the spans of the handlers go (no-op: nowhere)
 */
public record WorkerConfig(
    URI baseUri,
    String workerId,
    String token,
    Map<String, TaskHandler> handlers,
    int concurrency,
    int pollers,
    boolean websocket,
    Duration heartbeatInterval,
    Duration drainTimeout,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration backoffMin,
    Duration backoffMax,
    int resultAttempts,
    Map<String, @Nullable Object> description,
    OpenTelemetry openTelemetry) {

  public WorkerConfig {
    handlers = Map.copyOf(handlers);
    description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
  }

  /** A configuration that traces nothing. */
  public WorkerConfig(
      URI baseUri,
      String workerId,
      String token,
      Map<String, TaskHandler> handlers,
      int concurrency,
      int pollers,
      boolean websocket,
      Duration heartbeatInterval,
      Duration drainTimeout,
      Duration connectTimeout,
      Duration requestTimeout,
      Duration backoffMin,
      Duration backoffMax,
      int resultAttempts,
      Map<String, @Nullable Object> description) {
    this(
        baseUri,
        workerId,
        token,
        handlers,
        concurrency,
        pollers,
        websocket,
        heartbeatInterval,
        drainTimeout,
        connectTimeout,
        requestTimeout,
        backoffMin,
        backoffMax,
        resultAttempts,
        description,
        OpenTelemetry.noop());
  }

  public Backoff newBackoff() {
    return new Backoff(backoffMin, backoffMax);
  }
}
