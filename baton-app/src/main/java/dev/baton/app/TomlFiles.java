package dev.baton.app;

import dev.baton.app.Settings.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/** Reads an Avtomatika TOML file whose top level is one {@code [section]} per client or worker. */
final class TomlFiles {
  static final TomlMapper TOML = TomlMapper.builder().build();

  private TomlFiles() {}

  /**
   * The file's sections in file order.
   *
   * @param what what one section describes, for the message about a key that is not a section
   * @throws ConfigException when the file is missing, unreadable, not TOML, or has a top-level key
   *     that is not a table
   */
  static Map<String, JsonNode> sections(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(file + " does not exist");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e.getMessage());
    }
    JsonNode root;
    try {
      root = TOML.readTree(text);
    } catch (JacksonException e) {
      throw new ConfigException(file + ": not valid TOML: " + e.getOriginalMessage());
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out;
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!e.getValue().isObject()) {
        throw new ConfigException(
            file
                + ": '"
                + e.getKey()
                + "' is not a table: each "
                + what
                + " is a [section], e.g. ["
                + e.getKey()
                + "]");
      }
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  /** How a value reads in a message: strings quoted, as in the file. */
  static String shown(JsonNode value) {
    return value.toString();
  }
}
