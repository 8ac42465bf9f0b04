package dev.baton.app;

import dev.baton.cluster.Leadership;
import dev.baton.engine.Engine;
import dev.baton.ledger.Ledger;
import dev.baton.loop.ControlLoop;
import dev.baton.loop.RulesException;
import dev.baton.loop.SnapshotSource;
import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Components;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The control loop on this engine, with the sections and actions of every feature. */
final class LoopWiring {
  private static final Logger log = LoggerFactory.getLogger(BatonApp.class);

  private LoopWiring() {}

  /**
   * The loop's settings.
   *
   * @param alertWebhook where the alert action POSTs, or null: alerts are only logged
   * @param rules the rules file, or null: the built-in rules
   * @param rulesSource where {@code rules} was set, for the message when the file is refused
   */
  record Config(
      Duration interval,
      boolean enabled,
      @Nullable URI alertWebhook,
      @Nullable Path rules,
      String rulesSource) {

    static Config of(Settings s) {
      int interval = s.number(Setting.ORCHESTRATOR_INTERVAL_SECONDS, 1, 24 * 3600);
      boolean enabled = s.bool(Setting.ORCHESTRATOR_ENABLED);
      return new Config(
          Duration.ofSeconds(interval),
          enabled,
          alertWebhook(s),
          s.path(Setting.ORCHESTRATOR_RULES_FILE),
          s.source(Setting.ORCHESTRATOR_RULES_FILE));
    }

    private static @Nullable URI alertWebhook(Settings s) {
      String webhook = s.text(Setting.ORCHESTRATOR_ALERT_WEBHOOK_URL).trim();
      if (webhook.isEmpty()) {
        return null;
      }
      URI url;
      try {
        url = URI.create(webhook);
      } catch (IllegalArgumentException e) {
        url = null;
      }
      if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
        throw new Settings.ConfigException(
            s.source(Setting.ORCHESTRATOR_ALERT_WEBHOOK_URL)
                + ": '"
                + webhook
                + "' is not an http(s) URL");
      }
      return url;
    }
  }

  /**
   * The control loop, not yet running. A rules file that is refused stops the start, naming the
   * setting, the file, the rule and the reason.
   */
  static ControlLoop build(
      Config config,
      Engine engine,
      Ledger ledger,
      RobotWiring robots,
      Components components,
      MeterRegistry registry,
      Leadership leadership) {
    ScheduleHealth schedules = new ScheduleHealth(engine);
    ControlLoop.Builder b =
        ControlLoop.builder(engine, ledger)
            .interval(config.interval())
            .meters(registry)
            .leadership(leadership)
            .source(schedules.section())
            .action(schedules.pause())
            .source(robots.section())
            .source(SnapshotSource.of("components", now -> componentsSection(components)));
    URI alerts = config.alertWebhook();
    if (alerts != null) {
      b.alertWebhook(alerts, Duration.ofSeconds(10));
    }
    Path rules = config.rules();
    try {
      if (rules != null) {
        b.rulesFile(rules);
      }
      ControlLoop loop = b.build();
      log.info(
          "control loop: rules {}, a cycle every {} s, {}",
          loop.rulesFile(),
          config.interval().toSeconds(),
          config.enabled() ? "enabled" : "disabled (POST /orchestrator/enable starts it)");
      return loop;
    } catch (RulesException e) {
      throw new Settings.ConfigException(config.rulesSource() + ": " + e.getMessage());
    }
  }

  /** The loop's {@code components} section: each component's state, and how many are in fault. */
  private static Map<String, ?> componentsSection(Components components) {
    List<Map<String, Object>> states = new ArrayList<>();
    for (ComponentStatus st : components.statuses()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", st.name());
      m.put("group", st.group());
      m.put("fsm_state", st.fsmState());
      m.put("error", st.error());
      m.put("error_message", st.errorMessage());
      m.put("reason", st.reason());
      states.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", states.size());
    out.put("in_fault", states.stream().filter(m -> Boolean.TRUE.equals(m.get("error"))).count());
    out.put("states", states);
    return out;
  }
}
