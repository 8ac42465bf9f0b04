package dev.baton.app;

import dev.baton.fleet.FleetOptions;
import java.time.Duration;
import java.util.Locale;

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
        .withReconnectGrace(
            Duration.ofSeconds(s.number(Setting.ROBOT_RECONNECT_GRACE_SECONDS, 0, 24 * 3600)))
        .withRequeueLostJobs(lost.equals("requeue"));
  }
}
