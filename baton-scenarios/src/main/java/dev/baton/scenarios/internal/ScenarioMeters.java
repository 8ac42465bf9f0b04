package dev.baton.scenarios.internal;

import dev.baton.scenarios.Scenario;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The scenarios' meters: runs started by scenario and trigger, actions by type and result, ticks a
 * cooldown held a fired trigger back, and notifications skipped after {@code max_error_attempts}
 * consecutive failures. Scenario names, trigger types and action types come from the scenario
 * files, so the series are bounded by configuration; those the loaded scenarios can produce are
 * registered at {@link #bind}, so they show 0 before they happen. Until then nothing is counted.
 */
public final class ScenarioMeters {
  /** How a run started other than by its own trigger at a tick. */
  public static final String DIRECT = "direct";

  public static final String SCHEDULE = "schedule";

  private static final List<String> RESULTS = List.of("success", "skipped", "failure");
  private static final List<String> NOTIFICATIONS = List.of("send_email", "send_sms");

  private volatile @Nullable MeterRegistry registry;

  public void bind(MeterRegistry r, List<Scenario> scenarios) {
    for (Scenario s : scenarios) {
      runs(r, s.name(), s.triggerType());
      cooldowns(r, s.name());
      for (Map<String, Object> a : s.actions()) {
        RESULTS.forEach(result -> actions(r, String.valueOf(a.get("type")), result));
      }
    }
    NOTIFICATIONS.forEach(type -> errorSkips(r, type));
    registry = r;
  }

  public void started(String scenario, String trigger) {
    MeterRegistry r = registry;
    if (r != null) {
      runs(r, scenario, trigger).increment();
    }
  }

  /** {@code result} is what the run's history says: success, skipped or failure. */
  public void action(String type, String result) {
    MeterRegistry r = registry;
    if (r != null) {
      actions(r, type, result).increment();
    }
  }

  public void cooldown(String scenario) {
    MeterRegistry r = registry;
    if (r != null) {
      cooldowns(r, scenario).increment();
    }
  }

  public void errorSkip(String actionType) {
    MeterRegistry r = registry;
    if (r != null) {
      errorSkips(r, actionType).increment();
    }
  }

  private static Counter runs(MeterRegistry r, String scenario, String trigger) {
    return Counter.builder("baton.scenario.runs")
        .description("Scenario runs started, by scenario and trigger.")
        .tag("scenario", scenario)
        .tag("trigger", trigger)
        .register(r);
  }

  private static Counter actions(MeterRegistry r, String type, String result) {
    return Counter.builder("baton.scenario.actions")
        .description("Scenario actions run, by type and result.")
        .tag("type", type)
        .tag("result", result)
        .register(r);
  }

  private static Counter cooldowns(MeterRegistry r, String scenario) {
    return Counter.builder("baton.scenario.cooldown.skips")
        .description("Ticks in which a scenario's fired trigger was held back by its cooldown.")
        .tag("scenario", scenario)
        .register(r);
  }

  private static Counter errorSkips(MeterRegistry r, String type) {
    return Counter.builder("baton.scenario.error.skips")
        .description("Notifications skipped after max_error_attempts consecutive failures.")
        .tag("type", type)
        .register(r);
  }
}
