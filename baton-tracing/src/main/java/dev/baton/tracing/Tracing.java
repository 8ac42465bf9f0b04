package dev.baton.tracing;

import dev.baton.engine.EngineObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Baton's tracing: off (nothing recorded, nothing exported, the engine's observer is {@link
 * EngineObserver#NONE}), or an OpenTelemetry SDK whose spans go to an OTLP/HTTP endpoint. Closing
 * it flushes the spans still buffered (for up to five seconds) and stops the exporter.
 */
public final class Tracing implements AutoCloseable {
  /** The instrumentation scope name of every span Baton makes. */
  public static final String SCOPE = "dev.baton";

  private final OpenTelemetry openTelemetry;
  private final @Nullable OpenTelemetrySdk sdk;
  private final EngineObserver observer;

  private Tracing(OpenTelemetry openTelemetry, @Nullable OpenTelemetrySdk sdk) {
    this.openTelemetry = openTelemetry;
    this.sdk = sdk;
    this.observer = sdk == null ? EngineObserver.NONE : new JobSpans(sdk.getTracer(SCOPE));
  }

  /** No tracing at all. */
  public static Tracing off() {
    return new Tracing(OpenTelemetry.noop(), null);
  }

  /**
   * Spans exported in batches over OTLP/HTTP (protobuf) to {@code endpoint}, the collector's base
   * URL as in {@code OTEL_EXPORTER_OTLP_ENDPOINT} (e.g. {@code http://localhost:4318}; {@code
   * /v1/traces} is added). A collector that is down loses spans, never slows the engine: the batch
   * queue drops what does not fit.
   *
   * @param sampleRatio the share of new traces kept (1 = all); a trace continued from a client or a
   *     worker follows its parent's decision
   */
  public static Tracing otlp(String endpoint, double sampleRatio, String serviceName) {
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    String url = base.endsWith("/v1/traces") ? base : base + "/v1/traces";
    SpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(url).build();
    return of(BatchSpanProcessor.builder(exporter).build(), sampler(sampleRatio), serviceName);
  }

  /** Spans handed to {@code exporter} as each ends (tests: an in-memory exporter), all sampled. */
  public static Tracing to(SpanExporter exporter, String serviceName) {
    return of(SimpleSpanProcessor.create(exporter), sampler(1.0), serviceName);
  }

  /** Parent-based: a continued trace keeps its parent's decision; a new one is kept by ratio. */
  static Sampler sampler(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("sample ratio must be between 0 and 1, was " + ratio);
    }
    Sampler root = ratio >= 1 ? Sampler.alwaysOn() : Sampler.traceIdRatioBased(ratio);
    return Sampler.parentBased(root);
  }

  private static Tracing of(SpanProcessor processor, Sampler sampler, String serviceName) {
    Resource resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(AttributeKey.stringKey("service.name"), serviceName)));
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setSampler(sampler)
            .addSpanProcessor(processor)
            .build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    return new Tracing(sdk, sdk);
  }

  public boolean enabled() {
    return sdk != null;
  }

  /** The OpenTelemetry to hand to the worker SDK or anything else in this process. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The engine's observer: {@link EngineObserver#NONE} when tracing is off. */
  public EngineObserver observer() {
    return observer;
  }

  /** Exports the spans still buffered, waiting up to five seconds. */
  public void flush() {
    OpenTelemetrySdk s = sdk;
    if (s != null) {
      s.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() {
    OpenTelemetrySdk s = sdk;
    if (s != null) {
      s.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
      s.shutdown().join(5, TimeUnit.SECONDS);
    }
  }
}
