package dev.baton.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** W3C {@code traceparent} strings to OpenTelemetry contexts and back. */
final class Traceparents {
  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return List.copyOf(carrier.keySet());
        }

        @Override
        public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private Traceparents() {}

  /**
   * The context {@code traceparent} names, as a remote parent; the caller's current context when it
   * is null or malformed (a bad header from a client must not break its request).
   */
  static Context parent(@Nullable String traceparent) {
    Context named = extract(traceparent);
    return named != null ? named : Context.current();
  }

  /** The trace id in {@code traceparent}, or null when it is missing or malformed. */
  static @Nullable String traceId(@Nullable String traceparent) {
    Context named = extract(traceparent);
    return named == null ? null : Span.fromContext(named).getSpanContext().getTraceId();
  }

  private static @Nullable Context extract(@Nullable String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return null;
    }
    Context extracted =
        W3CTraceContextPropagator.getInstance()
            .extract(Context.root(), Map.of("traceparent", traceparent.trim()), GETTER);
    return Span.fromContext(extracted).getSpanContext().isValid() ? extracted : null;
  }

  /** The W3C traceparent of a span, or null when the span has no valid context. */
  static @Nullable String of(Span span) {
    SpanContext c = span.getSpanContext();
    if (!c.isValid()) {
      return null;
    }
    return "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex();
  }
}
