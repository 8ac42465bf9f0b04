package dev.baton.app;

import dev.baton.tracing.Tracing;
import java.util.Locale;

/**
 * Traces: off unless configured ({@code OTEL_TRACES_EXPORTER=otlp}, or an OTLP endpoint), then
 * exported over OTLP/HTTP, sampled parent-based with the configured ratio for new traces.
 */
final class TracingWiring {
  static final String DEFAULT_ENDPOINT = "http://localhost:4318";

  private TracingWiring() {}

  /**
   * What the settings ask for, checked before anything starts.
   *
   * @param endpoint the collector's base URL; empty: tracing is off
   */
  record Config(String endpoint, double sampleRatio, String serviceName) {
    static Config of(Settings s) {
      String exporter = s.text(Setting.TRACING_EXPORTER).trim().toLowerCase(Locale.ROOT);
      String endpoint = s.text(Setting.TRACING_ENDPOINT).trim();
      if (!exporter.isEmpty() && !exporter.equals("otlp") && !exporter.equals("none")) {
        throw new Settings.ConfigException(
            s.source(Setting.TRACING_EXPORTER)
                + ": traces exporter must be otlp or none, was '"
                + exporter
                + "'");
      }
      boolean on = exporter.equals("otlp") || (exporter.isEmpty() && !endpoint.isEmpty());
      String ratioText = s.text(Setting.TRACING_SAMPLE_RATIO).trim();
      double ratio;
      try {
        ratio = Double.parseDouble(ratioText);
      } catch (NumberFormatException e) {
        ratio = Double.NaN;
      }
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new Settings.ConfigException(
            s.source(Setting.TRACING_SAMPLE_RATIO)
                + ": must be a number from 0 to 1, was '"
                + ratioText
                + "'");
      }
      String service = s.text(Setting.TRACING_SERVICE_NAME).trim();
      return new Config(
          on ? (endpoint.isEmpty() ? DEFAULT_ENDPOINT : endpoint) : "",
          ratio,
          service.isEmpty() ? "baton" : service);
    }

    boolean enabled() {
      return !endpoint.isEmpty();
    }
  }

  static Tracing start(Config c) {
    return c.enabled()
        ? Tracing.otlp(c.endpoint(), c.sampleRatio(), c.serviceName())
        : Tracing.off();
  }
}
