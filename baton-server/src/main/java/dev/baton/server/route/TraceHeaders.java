package dev.baton.server.route;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's W3C trace context headers, kept as a new job's {@code tracing_context} (see {@code
 * JobAttributes.withTracingContext}) so the job's trace continues the client's. Avtomatika keeps
 * every request header; Baton keeps only these, so that tokens never end up in job state.
 */
public final class TraceHeaders {
  private static final List<String> NAMES = List.of("baggage", "traceparent", "tracestate");

  private TraceHeaders() {}

  /** The trace headers {@code ctx} carries (blank ones left out), by name; empty if none. */
  public static Map<String, String> of(Context ctx) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : NAMES) {
      String value = ctx.header(name);
      if (value != null && !value.isBlank()) {
        out.put(name, value);
      }
    }
    return out;
  }
}
