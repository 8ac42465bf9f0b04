package dev.baton.app;

import dev.baton.cluster.Leadership;
import dev.baton.retention.Retention;
import dev.baton.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Retention, when {@code retention_days} is set: led by one node, exported first if asked. */
final class RetentionWiring {
  /** How often the leader looks for more to remove once a pass has found nothing. */
  private static final Duration EVERY = Duration.ofMinutes(10);

  private RetentionWiring() {}

  /** The settings; {@code days == 0} keeps everything. */
  record Config(int days, @Nullable Path exportDir) {
    static Config of(Settings s) {
      return new Config(
          s.number(Setting.RETENTION_DAYS, 0, 36_500), s.path(Setting.RETENTION_EXPORT_DIR));
    }

    boolean enabled() {
      return days > 0;
    }
  }

  /** Started retention, or null when it is off. */
  static @Nullable Retention start(
      Config config, JdbcStore store, Leadership leadership, Clock clock) {
    if (!config.enabled()) {
      return null;
    }
    Path dir = config.exportDir();
    return new Retention(
            store,
            store,
            store.ledger(),
            leadership,
            clock,
            Duration.ofDays(config.days()),
            dir == null ? null : new JsonLinesExport(dir, clock),
            EVERY)
        .start();
  }
}
