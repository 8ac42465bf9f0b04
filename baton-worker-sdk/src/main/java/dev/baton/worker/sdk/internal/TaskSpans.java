package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.Task;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The span a handler runs in: a child of the trace context the orchestrator sent with the task (W3C
 * {@code traceparent} in {@code tracing_context}), or a new trace when it sent none. With the no-op
 * OpenTelemetry nothing is recorded, and the task's own context is passed back unchanged.
 */
public final class TaskSpans {
  /** Reads W3C fields out of a task's {@code tracing_context}. */
  public static final TextMapGetter<Map<String, @Nullable Object>> CONTEXT =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, @Nullable Object> carrier) {
          return List.copyOf(carrier.keySet());
        }

        @Override
        public @Nullable String get(@Nullable Map<String, @Nullable Object> carrier, String key) {
          return carrier != null && carrier.get(key) instanceof String s ? s : null;
        }
      };

  private final Tracer tracer;

  public TaskSpans(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("dev.baton.worker.sdk");
  }

  /** A started span for {@code task}; the caller makes it current and ends it. */
  public Span start(Task task) {
    return start(
        "run " + task.type(),
        task.tracingContext(),
        Map.of(
            "baton.job.id", task.jobId(),
            "baton.task.id", task.taskId(),
            "baton.task.type", task.type()));
  }

  /** A started span named {@code name}, continuing {@code tracingContext}. */
  public Span start(
      String name, Map<String, @Nullable Object> tracingContext, Map<String, String> attributes) {
    SpanBuilder b =
        tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER).setParent(parentOf(tracingContext));
    attributes.forEach(b::setAttribute);
    return b.startSpan();
  }

  /** The context a {@code tracing_context} names; the root (a new trace) when it names none. */
  public static Context parentOf(Map<String, @Nullable Object> tracingContext) {
    return W3CTraceContextPropagator.getInstance().extract(Context.root(), tracingContext, CONTEXT);
  }

  public static void end(Span span, boolean cancelled) {
    if (cancelled) {
      span.setStatus(StatusCode.ERROR, "cancelled");
    }
    span.end();
  }

  /** The W3C traceparent of {@code span}, or null when it has no valid context. */
  public static @Nullable String traceparent(Span span) {
    SpanContext c = span.getSpanContext();
    return c.isValid()
        ? "00-" + c.getTraceId() + "-" + c.getSpanId() + "-" + c.getTraceFlags().asHex()
        : null;
  }
}
