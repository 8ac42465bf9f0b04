package dev.baton.app;

import dev.baton.app.Settings.ConfigException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Avtomatika's {@code workers.toml}: {@code [<worker_id>]} with {@code token = "..."}, the worker's
 * own token. A section without a token is skipped with a warning; other keys ({@code description},
 * {@code supported_tasks}) are ignored. A section that is not a table, or a token that is not a
 * string, is an error that names the file, the section and the key.
 */
final class WorkersFile {
  private static final Logger log = LoggerFactory.getLogger(WorkersFile.class);

  private WorkersFile() {}

  /**
   * @return the tokens by worker id, in the clear (the server keeps only their digests)
   * @throws ConfigException when the file is missing or malformed
   */
  static Map<String, String> read(Path file) {
    Map<String, String> tokens = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> s : TomlFiles.sections(file, "worker").entrySet()) {
      String where = file + " [" + s.getKey() + "]";
      JsonNode token = s.getValue().get("token");
      if (token == null || (token.isString() && token.asString().isEmpty())) {
        log.warn("{}: no token, skipped; this worker uses the global token", where);
        continue;
      }
      if (!token.isString()) {
        throw new ConfigException(where + " token: " + TomlFiles.shown(token) + " is not a string");
      }
      tokens.put(s.getKey(), token.asString());
    }
    return tokens;
  }
}
