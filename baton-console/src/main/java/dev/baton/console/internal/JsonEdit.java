package dev.baton.console.internal;

import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * A JSON object typed into the job page's editor, parsed with the server's own mapper and limits
 * (depth, NUL characters, lone surrogates: what no store may keep). A text that is not one JSON
 * object is refused with what is wrong and where (line and column), and nothing is changed.
 */
final class JsonEdit {
  private JsonEdit() {}

  /** Refusal of an edited document; its message names the field and the place. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /** Pretty-printed, as the editor shows it. */
  static String show(Map<String, ?> value) {
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
  }

  /**
   * The object in {@code text} (blank: an empty object, nothing to merge).
   *
   * @param field what the form calls it, for the message ({@code data}, {@code initial data})
   */
  static Map<String, Object> parse(String field, @Nullable String text) throws Refused {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    Object parsed;
    try {
      parsed = Json.parseChecked(text.getBytes(StandardCharsets.UTF_8), field);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1
              ? ""
              : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new Refused(
          "The " + field + " is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    } catch (ApiError e) {
      throw new Refused(String.valueOf(e.getMessage()));
    }
    Map<String, Object> object = Json.asObject(parsed);
    if (object == null) {
      throw new Refused(
          "The " + field + " must be a JSON object ({ … }), not " + kind(parsed) + ".");
    }
    return object;
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static String kind(@Nullable Object v) {
    return switch (v) {
      case null -> "null";
      case String s -> "a string";
      case Boolean b -> "a boolean";
      case Number n -> "a number";
      case java.util.List<?> l -> "an array";
      default -> "a " + v.getClass().getSimpleName();
    };
  }
}
