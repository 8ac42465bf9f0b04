package dev.baton.app;

import dev.baton.cluster.Leadership;
import dev.baton.retention.Retention;
import dev.baton.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Retention, led by one node: quota windows that passed always go; ended jobs and ledger entries
 * too when {@code retention_days} is set, exported first if asked.
 */
final class RetentionWiring {
  /** How often the leader looks for more to remove once a pass has found little. */
  private static final Duration EVERY = Duration.ofMinutes(10);

  private RetentionWiring() {}

  /** The settings; {@code days == 0} keeps every job and ledger entry. */
  record Config(int days, @Nullable Path exportDir) {
    static Config of(Settings s) {
      return new Config(
          s.number(Setting.RETENTION_DAYS, 0, 36_500), s.path(Setting.RETENTION_EXPORT_DIR));
    }

    /** How long ended jobs and ledger entries stay; null: for ever. */
    @Nullable Duration keep() {
      return days > 0 ? Duration.ofDays(days) : null;
    }
  }

  /** Started retention. */
  static Retention start(Config config, JdbcStore store, Leadership leadership, Clock clock) {
    Path dir = config.exportDir();
    return new Retention(
            store,
            store,
            store.ledger(),
            leadership,
            clock,
            config.keep(),
            dir == null || config.keep() == null ? null : new JsonLinesExport(dir, clock),
            EVERY)
        .start();
  }
}
