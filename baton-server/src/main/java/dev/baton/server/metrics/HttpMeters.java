package dev.baton.server.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's meters, by route template (never the raw path, so ids never become labels):
 *
 * <ul>
 *   <li>{@code baton_http_requests_total{method,route,status}}: Avtomatika's counter, kept as it
 *       was; past {@link #MAX_SERIES} distinct series new ones count as {@code "other"};
 *   <li>{@code baton_http_server_requests_seconds{method,route,status_class}}: latency histogram.
 * </ul>
 *
 * Swagger UI's files count as {@code route="/webjars/*"}, unknown paths as {@code
 * route="unmatched"}.
 */
public final class HttpMeters {
  /** Bounds the counter's series: past this many, new (method, route, status) go to "other". */
  static final int MAX_SERIES = 2_000;

  private static final String STARTED = "baton.metrics.started";
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
  };

  private final MeterRegistry registry;

  // One map lookup per request for both meters, by a key made of what the request already has;
  // building tags and asking the registry each time cost more than the request's own routing.
  private final Map<Key, Pair> series = new ConcurrentHashMap<>();
  private final Map<String, Pair> overflow = new ConcurrentHashMap<>();

  public HttpMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  private record Key(String method, String route, int status) {}

  /** The request counter and the latency timer of one series. */
  private record Pair(Counter requests, Timer latency) {}

  /** Marks the start of a request; call it from a before-handler. */
  public void start(Context ctx) {
    ctx.attribute(STARTED, System.nanoTime());
  }

  /** Counts and times one answered request; call it from an after-handler. */
  public void record(Context ctx) {
    Key key = new Key(ctx.method().name(), route(ctx), ctx.statusCode());
    Pair p = series.get(key);
    if (p == null) {
      p =
          series.size() >= MAX_SERIES
              ? overflow.computeIfAbsent(statusClass(key.status()), this::other)
              : series.computeIfAbsent(key, this::register);
    }
    p.requests().increment();
    Long started = ctx.attribute(STARTED);
    if (started != null) {
      p.latency().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }

  private Pair register(Key k) {
    return pair(k.method(), k.route(), Integer.toString(k.status()), statusClass(k.status()));
  }

  /** Past {@link #MAX_SERIES}: method, route and status all {@code "other"}. */
  private Pair other(String statusClass) {
    return pair("other", "other", "other", statusClass);
  }

  private Pair pair(String method, String route, String status, String statusClass) {
    return new Pair(
        Counter.builder("baton.http.requests")
            .description(
                "HTTP requests answered since the server started, by method, route pattern and"
                    + " status.")
            .tags("method", method, "route", route, "status", status)
            .register(registry),
        Timer.builder("baton.http.server.requests")
            .description(
                "HTTP request latency, by method, route pattern and status class (2xx...).")
            .tags("method", method, "route", route, "status_class", statusClass)
            .serviceLevelObjectives(BUCKETS)
            .register(registry));
  }

  private static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint != null) {
      return endpoint.path;
    }
    return ctx.path().startsWith("/webjars/") ? "/webjars/*" : "unmatched";
  }

  private static String statusClass(int status) {
    return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
  }
}
