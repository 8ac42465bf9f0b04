package dev.baton.app;

import dev.baton.scenarios.OrchestratorConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The components and scenarios configuration from every source: the avena orchestrator config
 * ({@code COMPONENTS_CONFIG_PATH}), then {@code [clients.*]} and {@code [components.*]} tables of
 * {@code baton.toml} (same name: baton.toml wins), then the {@code SCENARIOS_DIRECTORY} and {@code
 * MAX_CONCURRENT_SCENARIOS} settings over the file's {@code scenarios_directory} and {@code
 * max_concurrent_scenarios}.
 */
final class ScenarioConfig {
  private ScenarioConfig() {}

  /**
   * @throws Settings.ConfigException naming the file and key that are wrong
   */
  static OrchestratorConfig of(Settings s) {
    Map<String, Object> raw = new LinkedHashMap<>();
    Path base = Path.of("").toAbsolutePath();
    try {
      Path file = s.path(Setting.COMPONENTS_CONFIG_PATH);
      if (file != null) {
        OrchestratorConfig.readRaw(file).forEach((k, v) -> raw.put(String.valueOf(k), v));
        base = file.toAbsolutePath().getParent();
      }
      Path toml = s.configFile();
      if (toml != null) {
        Map<?, ?> own = OrchestratorConfig.readRaw(toml);
        for (String section : Settings.SECTIONS) {
          if (own.get(section) instanceof Map<?, ?> tables) {
            Map<Object, Object> merged = new LinkedHashMap<>();
            if (raw.get(section) instanceof Map<?, ?> before) {
              merged.putAll(before);
            }
            merged.putAll(tables);
            raw.put(section, merged);
          }
        }
      }
      String dir = s.text(Setting.SCENARIOS_DIRECTORY).trim();
      if (!dir.isEmpty()) {
        raw.put("scenarios_directory", Path.of(dir).toAbsolutePath().toString());
      }
      String max = s.text(Setting.MAX_CONCURRENT_SCENARIOS).trim();
      if (!max.isEmpty()) {
        raw.put(
            "max_concurrent_scenarios",
            (long) s.number(Setting.MAX_CONCURRENT_SCENARIOS, 1, 10_000));
      }
      return OrchestratorConfig.of(raw, base);
    } catch (OrchestratorConfig.InvalidConfig e) {
      throw new Settings.ConfigException(String.valueOf(e.getMessage()));
    }
  }
}
