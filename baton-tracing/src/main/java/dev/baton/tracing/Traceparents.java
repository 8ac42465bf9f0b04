package dev.baton.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * W3C {@code traceparent} strings to OpenTelemetry contexts and back. Parsed here rather than with
 * the W3C propagator: every step of a traced job reads its stored context, and the propagator's
 * carrier map and getter cost allocations per read for the same result (version {@code 00}'s four
 * fields; a later version's extra fields are ignored, as the propagator does; {@code tracestate} is
 * not kept with a job).
 */
final class Traceparents {
  private static final int LENGTH = 55; // 00-<32 hex>-<16 hex>-<2 hex>

  private Traceparents() {}

  /**
   * The context {@code traceparent} names, as a remote parent; the caller's current context when it
   * is null or malformed (a bad header from a client must not break its request).
   */
  static Context parent(@Nullable String traceparent) {
    SpanContext named = spanContext(traceparent);
    return named != null ? Context.root().with(Span.wrap(named)) : Context.current();
  }

  /** The trace id in {@code traceparent}, or null when it is missing or malformed. */
  static @Nullable String traceId(@Nullable String traceparent) {
    SpanContext named = spanContext(traceparent);
    return named == null ? null : named.getTraceId();
  }

  /** The remote span context of a valid {@code traceparent}; null when missing or malformed. */
  static @Nullable SpanContext spanContext(@Nullable String traceparent) {
    if (traceparent == null) {
      return null;
    }
    String s = traceparent.trim();
    if (s.length() < LENGTH
        || s.charAt(2) != '-'
        || s.charAt(35) != '-'
        || s.charAt(52) != '-'
        || (s.length() > LENGTH && s.charAt(LENGTH) != '-')) {
      return null;
    }
    String version = s.substring(0, 2);
    if (!isHex(version) || version.equals("ff") || (version.equals("00") && s.length() > LENGTH)) {
      return null;
    }
    String traceId = s.substring(3, 35);
    String spanId = s.substring(36, 52);
    String flags = s.substring(53, LENGTH);
    if (!TraceId.isValid(traceId) || !SpanId.isValid(spanId) || !isHex(flags)) {
      return null;
    }
    return SpanContext.createFromRemoteParent(
        traceId, spanId, TraceFlags.fromHex(flags, 0), TraceState.getDefault());
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
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
