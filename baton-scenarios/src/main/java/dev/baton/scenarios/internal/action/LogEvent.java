package dev.baton.scenarios.internal.action;

import dev.baton.scenarios.internal.Templates;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code log_event}: logs the templated {@code message} at {@code level} (default info). */
record LogEvent(String message, String level) implements ScenarioAction {
  private static final Logger log = LoggerFactory.getLogger("dev.baton.scenarios.log");

  static ScenarioAction read(Map<?, ?> a) throws ActionFailure {
    if (a.get("message") == null) {
      throw new ActionFailure("log_event: message is required");
    }
    String level =
        String.valueOf(a.get("level") == null ? "info" : a.get("level")).toLowerCase(Locale.ROOT);
    return new LogEvent(String.valueOf(a.get("message")), level);
  }

  @Override
  public String type() {
    return "log_event";
  }

  @Override
  public Map<String, Object> run(ActionRun run) {
    String text = Templates.text(message, run.vars());
    String scenario = run.scenario();
    String shown = level;
    switch (level) {
      case "debug" -> log.debug("[{}] {}", scenario, text);
      case "warning", "warn" -> log.warn("[{}] {}", scenario, text);
      case "error", "critical" -> log.error("[{}] {}", scenario, text);
      case "info", "success" -> log.info("[{}] {}", scenario, text);
      default -> {
        log.warn("[{}] log_event: unknown level '{}', logged as info", scenario, level);
        log.info("[{}] {}", scenario, text);
        shown = "info";
      }
    }
    return Map.of("level", shown, "message", text);
  }
}
