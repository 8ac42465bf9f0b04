package dev.baton.app;

import dev.baton.cluster.Leadership;
import dev.baton.retention.Retention;
import dev.baton.store.Store;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * This process among the nodes that share the database: its name, its heartbeat and its lease on
 * the singleton duties. A node alone (SQLite, or one process on PostgreSQL) leads them at once.
 */
final class ClusterWiring {
  private ClusterWiring() {}

  /** The settings, read before anything opens. */
  record Config(String node, Duration lease) {
    static Config of(Settings s) {
      String node = s.text(Setting.NODE_ID).trim();
      if (!node.isEmpty() && !node.matches("[A-Za-z0-9._:-]{1,100}")) {
        throw new Settings.ConfigException(
            s.source(Setting.NODE_ID)
                + ": '"
                + node
                + "' is not a node name (letters, digits, . _ : -, at most 100)");
      }
      int lease = s.number(Setting.LEADER_LEASE_SECONDS, 1, 3600);
      return new Config(node.isEmpty() ? defaultNode() : node, Duration.ofSeconds(lease));
    }

    private static String defaultNode() {
      String host;
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "localhost";
      }
      return host + "-" + ProcessHandle.current().pid();
    }
  }

  /**
   * Leads the control loop, the scenarios and retention (which prunes quota windows that passed
   * even when it keeps every job).
   */
  static Leadership start(Config config, Store store, Clock clock) {
    Set<String> duties = Set.of(Leadership.CONTROL_LOOP, Leadership.SCENARIOS, Retention.DUTY);
    return Leadership.start(
        store, store, clock, config.node(), Main.Version.number(), config.lease(), duties);
  }
}
