package dev.baton.scenarios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The components and scenario settings: an avena orchestrator config ({@code clients}, {@code
 * components}, {@code scenarios_directory}, {@code max_concurrent_scenarios}) read from JSON, or
 * the same keys from TOML or YAML. Baton adds {@code name}, {@code poll_interval_ms}, {@code
 * tick_interval_ms}, {@code wait_poll_interval_ms} and {@code systemctl_command}.
 *
 * @param services the avena {@code components} (database, email, sms, ...), by name, as written
 * @param scenariosDirectory the user's scenario folder, relative paths resolved against the config
 *     file's folder; null for none
 */
public record OrchestratorConfig(
    String name,
    List<ComponentConfig> clients,
    Map<String, Map<String, Object>> services,
    @Nullable Path scenariosDirectory,
    int maxConcurrentScenarios,
    Duration pollInterval,
    Duration tickInterval,
    Duration waitPollInterval,
    String systemctlCommand,
    ZoneId zone) {

  public static final OrchestratorConfig EMPTY = of(Map.of(), null);

  public OrchestratorConfig {
    clients = List.copyOf(clients);
    services = Map.copyOf(services);
  }

  public OrchestratorConfig withClients(List<ComponentConfig> c) {
    return new OrchestratorConfig(
        name,
        c,
        services,
        scenariosDirectory,
        maxConcurrentScenarios,
        pollInterval,
        tickInterval,
        waitPollInterval,
        systemctlCommand,
        zone);
  }

  public OrchestratorConfig withScenariosDirectory(@Nullable Path dir) {
    return new OrchestratorConfig(
        name,
        clients,
        services,
        dir,
        maxConcurrentScenarios,
        pollInterval,
        tickInterval,
        waitPollInterval,
        systemctlCommand,
        zone);
  }

  /**
   * Reads a config file: {@code .json}, {@code .toml}, {@code .yaml}/{@code .yml}.
   *
   * @throws InvalidConfig naming the file and what is wrong in it
   */
  public static OrchestratorConfig read(Path file) {
    Map<?, ?> root = readRaw(file);
    try {
      return of(root, file.toAbsolutePath().getParent());
    } catch (InvalidConfig e) {
      throw new InvalidConfig(file + ": " + e.getMessage());
    }
  }

  /**
   * The file's keys as parsed, for merging with other sources before {@link #of}.
   *
   * @throws InvalidConfig naming the file and what is wrong in it
   */
  public static Map<?, ?> readRaw(Path file) {
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper =
        lower.endsWith(".toml")
            ? TomlMapper.builder().build()
            : lower.endsWith(".yaml") || lower.endsWith(".yml")
                ? YAMLMapper.builder().build()
                : JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
    Object tree;
    try {
      tree = mapper.readValue(Files.readString(file), Object.class);
    } catch (IOException e) {
      throw new InvalidConfig(file + ": cannot be read: " + e.getMessage());
    } catch (JacksonException e) {
      throw new InvalidConfig(file + ": not valid: " + e.getOriginalMessage());
    }
    if (!(tree instanceof Map<?, ?> root)) {
      throw new InvalidConfig(file + ": must be an object with 'clients', 'components', ...");
    }
    return root;
  }

  /** From the parsed keys; {@code base} resolves a relative {@code scenarios_directory}. */
  public static OrchestratorConfig of(Map<?, ?> root, @Nullable Path base) {
    List<ComponentConfig> clients = new ArrayList<>();
    for (var e : objectOf(root, "clients").entrySet()) {
      String n = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof Map<?, ?> c)) {
        throw new InvalidConfig("clients." + n + " must be an object with address, port, group");
      }
      Object port = c.get("port");
      if (!(port instanceof Number p)) {
        throw new InvalidConfig("clients." + n + ".port is required and must be a number");
      }
      try {
        clients.add(
            new ComponentConfig(
                n,
                String.valueOf(c.get("address") == null ? "127.0.0.1" : c.get("address")),
                p.intValue(),
                c.get("group") == null ? "" : String.valueOf(c.get("group")),
                c.get("secret") == null ? null : String.valueOf(c.get("secret"))));
      } catch (IllegalArgumentException ex) {
        throw new InvalidConfig("clients." + n + ": " + ex.getMessage());
      }
    }
    Map<String, Map<String, Object>> services = new LinkedHashMap<>();
    for (var e : objectOf(root, "components").entrySet()) {
      String n = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof Map<?, ?> c) || !(c.get("type") instanceof String)) {
        throw new InvalidConfig("components." + n + " must be an object with a 'type'");
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      c.forEach((k, v) -> {
        if (v != null) {
          copy.put(String.valueOf(k), v);
        }
      });
      services.put(n, copy);
    }
    Object dir = root.get("scenarios_directory");
    Path scenarios = null;
    if (dir instanceof String d && !d.isBlank()) {
      Path p = Path.of(d);
      scenarios = base == null || p.isAbsolute() ? p : base.resolve(p);
    }
    return new OrchestratorConfig(
        root.get("name") instanceof String s ? s : "baton",
        clients,
        services,
        scenarios,
        (int) number(root, "max_concurrent_scenarios", 1, 1),
        Duration.ofMillis(number(root, "poll_interval_ms", 1000, 10)),
        Duration.ofMillis(number(root, "tick_interval_ms", 500, 10)),
        Duration.ofMillis(number(root, "wait_poll_interval_ms", 1000, 10)),
        root.get("systemctl_command") instanceof String s ? s : "systemctl",
        zone(root.get("time_zone")));
  }

  /** Where the time condition's hours and weekdays are; default the machine's zone, as upstream. */
  private static ZoneId zone(@Nullable Object v) {
    if (v == null) {
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(String.valueOf(v));
    } catch (DateTimeException e) {
      throw new InvalidConfig(
          "'time_zone': '" + v + "' is not a time zone; use e.g. Europe/Warsaw");
    }
  }

  private static Map<?, ?> objectOf(Map<?, ?> root, String key) {
    Object v = root.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new InvalidConfig("'" + key + "' must be an object keyed by name");
    }
    return m;
  }

  private static long number(Map<?, ?> root, String key, long fallback, long min) {
    Object v = root.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || n.longValue() < min) {
      throw new InvalidConfig("'" + key + "' must be a whole number of at least " + min);
    }
    return n.longValue();
  }

  /** A config file that cannot be used; the message names the file and the key. */
  public static final class InvalidConfig extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidConfig(String message) {
      super(message);
    }
  }
}
