package dev.baton.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The process's meters: the registry every feature registers on, scraped at {@code
 * /_public/metrics} in the Prometheus format, and pushed too when a push registry (OTLP) is given.
 * JVM and process meters are bound when it is made.
 */
public final class Meters implements AutoCloseable {
  /** The content type of {@link #scrape()}: the Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final @Nullable MeterRegistry push;
  private final MeterRegistry registry;
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Set<Object> bound = Collections.newSetFromMap(new IdentityHashMap<>());

  // Features record on the Prometheus registry itself unless something else wants every meter
  // too: a composite in front of one registry made each count and time go through it for nothing.
  private Meters(@Nullable MeterRegistry push) {
    this.push = push;
    if (push == null) {
      registry = prometheus;
    } else {
      CompositeMeterRegistry both = new CompositeMeterRegistry();
      both.add(prometheus);
      both.add(push);
      registry = both;
    }
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** A new set of meters with JVM and process meters bound, scraped in the Prometheus format. */
  public static Meters create() {
    return new Meters(null);
  }

  /** As {@link #create()}, and every meter pushed by {@code push} (an OTLP registry) as well. */
  public static Meters pushedTo(MeterRegistry push) {
    return new Meters(push);
  }

  /** Where features register their meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Whether {@code source} (an engine) is bound to these meters for the first time: true once,
   * false after, so that a feature bound early (before the engine starts) is not bound twice.
   */
  synchronized boolean claim(Object source) {
    return bound.add(source);
  }

  /** Runs before each scrape: gauges whose set of series depends on the store refresh here. */
  public void beforeScrape(Runnable refresh) {
    beforeScrape.add(refresh);
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    beforeScrape.forEach(Runnable::run);
    return prometheus.scrape();
  }

  @Override
  public void close() {
    gc.close();
    if (push != null) {
      push.close(); // a push registry sends what it has left
      registry.close();
    }
    prometheus.close();
  }
}
