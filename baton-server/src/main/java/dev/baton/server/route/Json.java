package dev.baton.server.route;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's one JSON mapper: integers read as {@code long} (so handlers and conditions see
 * int64, never a mix of int and long), trailing garbage after a document is an error.
 */
public final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static String write(@Nullable Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * Parses any JSON document into maps, lists, strings, longs, doubles, booleans and nulls.
   *
   * @throws JacksonException when the text is not one JSON document
   */
  public static @Nullable Object parse(byte[] text) {
    return MAPPER.readValue(text, Object.class);
  }

  /** Parses a body that must be a JSON object; anything else is a 400 that says so. */
  public static JsonBody object(byte[] body) {
    Object parsed;
    try {
      parsed = parse(body);
    } catch (JacksonException e) {
      throw ApiError.badRequest("Invalid JSON body");
    }
    Map<String, Object> map = asObject(parsed);
    if (map == null) {
      throw ApiError.badRequest("Invalid JSON body: expected a JSON object");
    }
    return new JsonBody("", map);
  }

  /** The value as a JSON object with string keys, or null when it is not one. */
  public static @Nullable Map<String, Object> asObject(@Nullable Object value) {
    if (!(value instanceof Map<?, ?> raw)) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
