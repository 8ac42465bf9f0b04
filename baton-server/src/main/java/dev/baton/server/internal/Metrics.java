package dev.baton.server.internal;

import dev.baton.engine.Engine;
import dev.baton.job.JobStatus;
import dev.baton.worker.Worker;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code GET /_public/metrics}: the Prometheus text exposition format (version 0.0.4), written by
 * hand. Gauges are read from the store when scraped; the HTTP request counter lives in memory and
 * starts from zero with the process.
 *
 * <ul>
 *   <li>{@code baton_jobs{status}}: jobs in the store, one series per status (zeros included);
 *   <li>{@code baton_workers{state="alive"|"total"}}: workers heard from within their TTL, and
 *       every worker the store knows;
 *   <li>{@code baton_http_requests_total{method,route,status}}: requests answered, by the route
 *       pattern (not the raw path, so ids never become labels); Swagger UI's files count as {@code
 *       route="/webjars/*"}, unknown paths as {@code route="unmatched"}.
 * </ul>
 */
public final class Metrics {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Bounds the counter's series: past this many, new (method, route, status) go to "other". */
  static final int MAX_SERIES = 2_000;

  private final Map<String, LongAdder> requests = new ConcurrentSkipListMap<>();

  /** Counts one answered request; call it from an after-handler. */
  public void record(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    String route;
    if (endpoint != null) {
      route = endpoint.path;
    } else if (ctx.path().startsWith("/webjars/")) {
      route = "/webjars/*"; // Swagger UI's static files
    } else {
      route = "unmatched";
    }
    String key =
        label("method", ctx.method().name())
            + ","
            + label("route", route)
            + ","
            + label("status", Integer.toString(ctx.statusCode()));
    if (!requests.containsKey(key) && requests.size() >= MAX_SERIES) {
      key =
          label("method", "other") + "," + label("route", "other") + "," + label("status", "other");
    }
    requests.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** The exposition text. */
  public String render(Engine engine) {
    StringBuilder out = new StringBuilder();
    Map<JobStatus, Long> counts = engine.countJobs();
    header(out, "baton_jobs", "gauge", "Jobs in the store, by status.");
    for (JobStatus s : JobStatus.values()) {
      sample(out, "baton_jobs", label("status", s.wireName()), counts.getOrDefault(s, 0L));
    }
    List<Worker> workers = engine.workers();
    Instant now = engine.clock().instant();
    long alive = workers.stream().filter(w -> w.isAlive(now)).count();
    header(
        out,
        "baton_workers",
        "gauge",
        "Workers: alive (heard from within their time to live) and total (every known worker).");
    sample(out, "baton_workers", label("state", "alive"), alive);
    sample(out, "baton_workers", label("state", "total"), workers.size());
    header(
        out,
        "baton_http_requests_total",
        "counter",
        "HTTP requests answered since the server started, by method, route pattern and status.");
    requests.forEach((labels, n) -> sample(out, "baton_http_requests_total", labels, n.sum()));
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, long value) {
    out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  /** {@code name="value"} with the value escaped as the format asks (\\, \", \n). */
  static String label(String name, String value) {
    return name
        + "=\""
        + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
        + "\"";
  }
}
