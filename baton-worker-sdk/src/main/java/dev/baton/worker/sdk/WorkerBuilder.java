package dev.baton.worker.sdk;

import dev.baton.worker.sdk.internal.WorkerConfig;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Configures a {@link Worker}. Only the token and at least one handler are required. */
public final class WorkerBuilder {
  private final URI baseUri;
  private final String workerId;
  private final Map<String, TaskHandler> handlers = new HashMap<>();
  private final Map<String, @Nullable Object> description = new LinkedHashMap<>();
  private @Nullable String token;
  private int concurrency = 1;
  private int pollers;
  private boolean websocket;
  private Duration heartbeatInterval = Duration.ofSeconds(20);
  private Duration drainTimeout = Duration.ofSeconds(30);
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofSeconds(60);
  private Duration backoffMin = Duration.ofMillis(500);
  private Duration backoffMax = Duration.ofSeconds(30);
  private int resultAttempts = 5;
  private OpenTelemetry openTelemetry = GlobalOpenTelemetry.get();

  WorkerBuilder(URI baseUri, String workerId) {
    String scheme = baseUri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("baseUri must be http or https: " + baseUri);
    }
    if (workerId.isBlank()) {
      throw new IllegalArgumentException("workerId must not be blank");
    }
    this.baseUri = baseUri;
    this.workerId = workerId;
  }

  /** The {@code X-Worker-Token}: the global worker token, or this worker's individual one. */
  public WorkerBuilder token(String token) {
    this.token = Objects.requireNonNull(token);
    return this;
  }

  /** Registers the handler for a task type; the types become {@code supported_tasks}. */
  public WorkerBuilder handle(String taskType, TaskHandler handler) {
    if (handlers.putIfAbsent(taskType, Objects.requireNonNull(handler)) != null) {
      throw new IllegalArgumentException("Handler for " + taskType + " already registered");
    }
    return this;
  }

  /** The most tasks run at once (default 1); no poll is open unless one more would fit. */
  public WorkerBuilder concurrency(int concurrency) {
    this.concurrency = positive(concurrency, "concurrency");
    return this;
  }

  /**
   * Concurrent long-polls (default: {@link #concurrency}). Fewer keeps the request count down, for
   * example under Avtomatika's rate limit of 5 requests per minute per route; a poll that would
   * exceed the concurrency waits for a free slot before it is sent.
   */
  public WorkerBuilder pollers(int pollers) {
    this.pollers = positive(pollers, "pollers");
    return this;
  }

  /**
   * Opens the worker WebSocket for progress and cancel, and advertises {@code
   * capabilities.websockets=true} (default false). Without it, cancelled tasks run to the end.
   */
  public WorkerBuilder websocket(boolean enabled) {
    this.websocket = enabled;
    return this;
  }

  /** Default 20 s; keep it well under the orchestrator's TTL (120 s by default). */
  public WorkerBuilder heartbeatInterval(Duration interval) {
    this.heartbeatInterval = positive(interval, "heartbeatInterval");
    return this;
  }

  /** How long {@link Worker#close} lets running tasks finish before handing them back (30 s). */
  public WorkerBuilder drainTimeout(Duration timeout) {
    this.drainTimeout = positive(timeout, "drainTimeout");
    return this;
  }

  /** TCP and WebSocket connect timeout (5 s). */
  public WorkerBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout, "connectTimeout");
    return this;
  }

  /**
   * Per-request timeout (60 s). Must exceed the orchestrator's long-poll hold (30 s by default), or
   * idle polls end in timeouts and backoff instead of 204.
   */
  public WorkerBuilder requestTimeout(Duration timeout) {
    this.requestTimeout = positive(timeout, "requestTimeout");
    return this;
  }

  /** Backoff after an error: doubles from {@code min} up to {@code max}, with jitter (0.5–30 s). */
  public WorkerBuilder backoff(Duration min, Duration max) {
    this.backoffMin = positive(min, "backoff min");
    this.backoffMax = positive(max, "backoff max");
    return this;
  }

  /** Attempts to deliver one result on 429, 5xx or I/O errors before it is dropped (5). */
  public WorkerBuilder resultAttempts(int attempts) {
    this.resultAttempts = positive(attempts, "resultAttempts");
    return this;
  }

  /** {@code resources}, e.g. {@code {"gpu_info": {"model": "RTX 4090", "vram_gb": 24}}}. */
  /**
   * Where the spans of the handlers go (default: the global OpenTelemetry, a no-op unless the
   * application installed an SDK). Each handler runs inside a span that is a child of the task's
   * {@code tracing_context}, and the result carries that span's context back.
   */
  public WorkerBuilder openTelemetry(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    return this;
  }

  public WorkerBuilder resources(Map<String, ?> resources) {
    return attribute("resources", Map.copyOf(resources));
  }

  /** {@code installed_models}, each {@code {"name": …, "version": …}}. */
  public WorkerBuilder installedModels(List<Map<String, ?>> models) {
    return attribute("installed_models", List.copyOf(models));
  }

  public WorkerBuilder costPerSecond(double cost) {
    return attribute("cost_per_second", cost);
  }

  public WorkerBuilder reputation(double reputation) {
    return attribute("reputation", reputation);
  }

  /**
   * Any other registration field, e.g. {@code hot_cache}. Cannot replace {@code worker_id}, {@code
   * supported_tasks}, {@code status}, {@code load} or {@code capabilities}.
   */
  public WorkerBuilder attribute(String field, @Nullable Object value) {
    description.put(field, value);
    return this;
  }

  /**
   * Builds the worker; nothing connects until {@link Worker#start}.
   *
   * @throws IllegalStateException without a token or a handler
   */
  public Worker build() {
    if (token == null) {
      throw new IllegalStateException("token is required");
    }
    if (handlers.isEmpty()) {
      throw new IllegalStateException("at least one handler is required");
    }
    return new Worker(
        new WorkerConfig(
            baseUri,
            workerId,
            token,
            handlers,
            concurrency,
            pollers == 0 ? concurrency : pollers,
            websocket,
            heartbeatInterval,
            drainTimeout,
            connectTimeout,
            requestTimeout,
            backoffMin,
            backoffMax,
            resultAttempts,
            description,
            openTelemetry));
  }

  private static int positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1");
    }
    return value;
  }

  private static Duration positive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
    return value;
  }
}
