package dev.baton.app;

import dev.baton.fleet.FleetOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The robot fleet's settings, parsed into {@link FleetOptions}: a bad value stops the start naming
 * its source.
 */
final class RobotSettings {
  private RobotSettings() {}

  static FleetOptions of(Settings s) {
    String lost = s.text(Setting.ROBOT_LOST_JOBS).trim().toLowerCase(Locale.ROOT);
    if (!lost.equals("requeue") && !lost.equals("fail")) {
      throw new Settings.ConfigException(
          s.source(Setting.ROBOT_LOST_JOBS) + ": '" + lost + "' is not requeue or fail");
    }
    return FleetOptions.DEFAULTS
        .withAuthToken(s.text(Setting.ROBOT_AUTH_TOKEN))
        // A server whose API needs client tokens takes no robot without a token either.
        .withTokenRequired(s.path(Setting.CLIENTS_CONFIG_PATH) != null)
        .withStaleTimeout(
            Duration.ofSeconds(s.number(Setting.ROBOT_STALE_TIMEOUT_SECONDS, 1, 24 * 3600)))
        .withDefaultJobTimeout(
            Duration.ofSeconds(s.number(Setting.ROBOT_JOB_TIMEOUT_SECONDS, 1, 31 * 24 * 3600)))
        .withDedupWindow(
            Duration.ofSeconds(s.number(Setting.ROBOT_DEDUP_WINDOW_SECONDS, 0, 31 * 24 * 3600)))
        .withDefaultStrategy(s.text(Setting.ROBOT_STRATEGY).trim())
        .withRequeueLostJobs(lost.equals("requeue"))
        .withTypeLimits(typeConcurrency(s), typeRates(s));
  }

  /** {@code type=n,type=n}. */
  static Map<String, Integer> typeConcurrency(Settings s) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String[] kv : pairs(s, Setting.ROBOT_TYPE_CONCURRENCY)) {
      try {
        int n = Integer.parseInt(kv[1].trim());
        if (n < 1) {
          throw new NumberFormatException();
        }
        out.put(kv[0], n);
      } catch (NumberFormatException e) {
        throw new Settings.ConfigException(
            s.source(Setting.ROBOT_TYPE_CONCURRENCY)
                + ": '"
                + kv[1]
                + "' for type "
                + kv[0]
                + " is not a whole number of at least 1");
      }
    }
    return out;
  }

  /** {@code type=count/seconds,...}. */
  static Map<String, FleetOptions.Rate> typeRates(Settings s) {
    Map<String, FleetOptions.Rate> out = new LinkedHashMap<>();
    for (String[] kv : pairs(s, Setting.ROBOT_TYPE_RATES)) {
      String[] rate = kv[1].split("/", -1);
      try {
        out.put(
            kv[0],
            new FleetOptions.Rate(
                Integer.parseInt(rate[0].trim()),
                Duration.ofSeconds(Long.parseLong(rate[1].trim()))));
      } catch (RuntimeException e) {
        throw new Settings.ConfigException(
            s.source(Setting.ROBOT_TYPE_RATES)
                + ": '"
                + kv[1]
                + "' for type "
                + kv[0]
                + " is not count/seconds (at least 1 per 1 s), like 60/60");
      }
    }
    return out;
  }

  /** {@code type=value,...}: each as {type (trimmed), value}; blank parts are skipped. */
  private static List<String[]> pairs(Settings s, Setting k) {
    List<String[]> out = new ArrayList<>();
    for (String part : s.text(k).split(",", -1)) {
      if (part.isBlank()) {
        continue;
      }
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new Settings.ConfigException(
            s.source(k) + ": '" + part.trim() + "' is not type=value");
      }
      out.add(new String[] {kv[0].trim(), kv[1]});
    }
    return out;
  }
}
