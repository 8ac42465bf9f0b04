package dev.baton.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The command line's own config file ({@code cli.toml}): {@code server}, {@code token} and {@code
 * output} at its top level. A missing file is an empty config; a file that is not TOML, or has a
 * key it does not know, is refused with a message naming the file and the key.
 *
 * @param file where it was read from, for messages
 */
record CliConfig(
    Path file, @Nullable String server, @Nullable String token, @Nullable String output) {
  static final Set<String> KEYS = Set.of("server", "token", "output");
  private static final TomlMapper TOML = TomlMapper.builder().build();

  /** A config file that cannot be used; the message names it. */
  static final class Problem extends RuntimeException {
    Problem(String message) {
      super(message);
    }
  }

  /**
   * Where the file is: {@code BATON_CLI_CONFIG}, else {@code $XDG_CONFIG_HOME/baton/cli.toml}, else
   * {@code ~/.config/baton/cli.toml}.
   */
  static Path location(Map<String, String> env) {
    String explicit = env.get("BATON_CLI_CONFIG");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("baton").resolve("cli.toml");
  }

  static CliConfig read(Path file) {
    if (!Files.isRegularFile(file)) {
      return new CliConfig(file, null, null, null);
    }
    JsonNode root;
    try {
      root = TOML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new Problem(file + ": cannot be read: " + e.getMessage());
    } catch (JacksonException e) {
      throw new Problem(file + ": not valid TOML: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return new CliConfig(file, null, null, null);
    }
    Set<String> unknown = new TreeSet<>(root.propertyNames());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new Problem(
          file
              + ": unknown key '"
              + unknown.iterator().next()
              + "'; expected server, token, output");
    }
    return new CliConfig(
        file, text(file, root, "server"), text(file, root, "token"), text(file, root, "output"));
  }

  private static @Nullable String text(Path file, JsonNode root, String key) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw new Problem(file + ": '" + key + "' must be a string, was " + v);
    }
    return v.asString();
  }
}
