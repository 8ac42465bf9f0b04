/**
 * OpenTelemetry traces of Baton's work: {@link dev.baton.tracing.Tracing} configures the SDK (off,
 * OTLP, or a given exporter) and offers the engine's observer port ({@link
 * dev.baton.engine.EngineObserver}), implemented by {@link dev.baton.tracing.JobSpans}. See
 * docs/tracing.md.
 */
@NullMarked
package dev.baton.tracing;

import org.jspecify.annotations.NullMarked;
