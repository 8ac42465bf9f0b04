package dev.baton.app;

import dev.baton.server.metrics.Meters;
import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's meters: always scraped at {@code /_public/metrics}; pushed over OTLP as well when
 * {@code metrics_otlp_url} names an endpoint. Under failure: a push that fails is logged by the
 * OTLP registry and tried again at the next step; the scrape does not depend on it.
 */
final class MetricsWiring {
  private static final Logger log = LoggerFactory.getLogger(MetricsWiring.class);

  private MetricsWiring() {}

  static Meters open(Settings s) {
    String url = s.text(Setting.METRICS_OTLP_URL).trim();
    Duration step = Duration.ofSeconds(s.number(Setting.METRICS_OTLP_STEP_SECONDS, 1, 86_400));
    if (url.isEmpty()) {
      return Meters.create();
    }
    log.info("metrics are pushed over OTLP to {} every {} s", url, step.toSeconds());
    return Meters.pushedTo(new OtlpMeterRegistry(config(url, step), Clock.SYSTEM));
  }

  private static OtlpConfig config(String url, Duration step) {
    return new OtlpConfig() {
      @Override
      public @Nullable String get(String key) {
        return null; // everything else at Micrometer's defaults
      }

      @Override
      public String url() {
        return url;
      }

      @Override
      public Duration step() {
        return step;
      }
    };
  }
}
