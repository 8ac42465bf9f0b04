package dev.baton.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Resolved configuration. Each value remembers where it came from, so that a bad value stops the
 * server with a message naming the source and the key rather than a stack trace.
 */
public final class Settings {
  // Start-up logs keep the one name they always had, whichever class writes them.
  private static final Logger log = LoggerFactory.getLogger(BatonApp.class);

  /**
   * Tables of {@code baton.toml} that features read themselves: the managed components ({@code
   * [clients.<name>]}) and the scenarios' services ({@code [components.<name>]}).
   */
  public static final java.util.Set<String> SECTIONS = java.util.Set.of("clients", "components");

  private @Nullable Path configFile;
  private final Map<Setting, String> values = new EnumMap<>(Setting.class);
  private final Map<Setting, String> sources = new EnumMap<>(Setting.class);

  /**
   * Resolves every setting: flags (already parsed, by setting) over environment over the config
   * file over defaults.
   *
   * @param configFile a TOML file with the settings' keys at the top level, or null
   * @throws ConfigException when the file cannot be read or a value has the wrong type
   */
  public static Settings resolve(
      Map<Setting, String> flags, Map<String, String> env, @Nullable Path configFile) {
    Settings s = new Settings();
    s.configFile = configFile;
    JsonNode file = configFile == null ? null : readToml(configFile);
    for (Setting k : Setting.values()) {
      if (flags.containsKey(k)) {
        s.put(k, flags.get(k), "flag " + k.flag());
      } else if (env.get(k.env()) != null) {
        s.put(k, env.get(k.env()), "environment variable " + k.env());
      } else if (file != null && file.has(k.key())) {
        JsonNode v = file.get(k.key());
        if (v.isContainer()) {
          throw new ConfigException(configFile + ": key '" + k.key() + "' must be a plain value");
        }
        s.put(k, v.asString(), configFile + " key '" + k.key() + "'");
      } else {
        s.put(k, k.fallback(), "default");
      }
    }
    if (file != null) {
      for (var name : file.propertyNames()) {
        if (!SECTIONS.contains(name)
            && java.util.Arrays.stream(Setting.values()).noneMatch(k -> k.key().equals(name))) {
          throw new ConfigException(
              configFile
                  + ": unknown key '"
                  + name
                  + "'; known keys: "
                  + java.util.Arrays.stream(Setting.values()).map(Setting::key).toList());
        }
      }
    }
    return s;
  }

  private static JsonNode readToml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    try {
      return TomlMapper.builder().build().readTree(Files.readString(file));
    } catch (Exception e) {
      throw new ConfigException(file + ": not valid TOML: " + e.getMessage());
    }
  }

  private void put(Setting k, String value, String source) {
    values.put(k, value);
    sources.put(k, source);
  }

  /** The config file the settings were read from, if any. */
  public @Nullable Path configFile() {
    return configFile;
  }

  public String text(Setting k) {
    return values.getOrDefault(k, k.fallback());
  }

  public int number(Setting k, int min, int max) {
    String v = text(k).trim();
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new ConfigException(
            sources.get(k) + ": " + n + " is out of range [" + min + ", " + max + "]");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(sources.get(k) + ": '" + v + "' is not a whole number");
    }
  }

  public String source(Setting k) {
    return sources.getOrDefault(k, "default");
  }

  /** A yes/no setting: true, yes, on, 1 or false, no, off, 0, in any case. */
  public boolean bool(Setting k) {
    String v = text(k).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(source(k) + ": '" + text(k) + "' is not true or false");
    };
  }

  /** A file or folder setting; null when it is empty. */
  public @Nullable Path path(Setting k) {
    String v = text(k).trim();
    return v.isEmpty() ? null : Path.of(v);
  }

  /** The time zone of {@link Setting#TZ}. */
  public ZoneId zone() {
    String v = text(Setting.TZ).trim();
    // POSIX also allows TZ=":/etc/localtime" or a file path: that means the machine's own zone,
    // not a mistake to stop the server for.
    if (v.startsWith(":") || v.startsWith("/")) {
      log.info("TZ '{}' names a zone file; using the system zone {}", v, ZoneId.systemDefault());
      return ZoneId.systemDefault();
    }
    try {
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw new ConfigException(
          source(Setting.TZ)
              + ": '"
              + v
              + "' is not a time zone; use an IANA name such as UTC or Europe/Warsaw");
    }
  }

  /** A setting that stops the server at startup, with where it came from. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }
}
