package dev.baton.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** JSON given on the command line: an object as text, or {@code @file} to read it from a file. */
final class JsonArgs {
  private JsonArgs() {}

  /**
   * The object {@code text} holds, or null when it is null.
   *
   * @param option the option it came from, for the message
   * @throws ApiFailure (exit code 2) when it is not a JSON object or the file cannot be read
   */
  static @Nullable Map<String, Object> object(String option, @Nullable String text) {
    if (text == null) {
      return null;
    }
    String json = text;
    if (text.startsWith("@")) {
      try {
        json = Files.readString(Path.of(text.substring(1)));
      } catch (IOException e) {
        throw ApiFailure.of(
            option + ": cannot read " + text.substring(1) + ": " + e.getMessage(),
            ApiFailure.USAGE);
      }
    }
    try {
      JsonNode n = Api.JSON.readTree(json);
      if (n == null || !n.isObject()) {
        throw ApiFailure.of(
            option + ": expected a JSON object such as {\"name\":\"Ada\"}, got " + json.strip(),
            ApiFailure.USAGE);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> m = Api.JSON.treeToValue(n, LinkedHashMap.class);
      return m;
    } catch (JacksonException e) {
      throw ApiFailure.of(option + ": not JSON: " + e.getOriginalMessage(), ApiFailure.USAGE);
    }
  }
}
