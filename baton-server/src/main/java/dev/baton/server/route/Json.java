package dev.baton.server.route;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's one JSON mapper: integers read as {@code long} (so handlers and conditions see
 * int64, never a mix of int and long), trailing garbage after a document is an error, and no
 * document nests deeper than {@link #MAX_DEPTH} arrays and objects.
 *
 * <p>The depth limit is checked while parsing, for every body and WebSocket message the server
 * reads, so a document too deep to be written back (Jackson refuses to write past 500 levels, and a
 * job's view wraps its input in a few more) is refused at the door instead of being stored and
 * breaking every later read of it.
 */
public final class Json {
  /** How deeply arrays and objects may nest in a request body; the body itself is level 1. */
  public static final int MAX_DEPTH = 64;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
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
   * @throws JacksonException when the text is not one JSON document, or nests too deeply
   */
  public static @Nullable Object parse(byte[] text) {
    return MAPPER.readValue(text, Object.class);
  }

  /**
   * Parses a request body like {@link #parse}, refusing with a 400 what no store may keep: nesting
   * past {@link #MAX_DEPTH}, a NUL character in a string or a name (PostgreSQL cannot hold one in
   * text), half of a UTF-16 surrogate pair, and a number too large for a double.
   *
   * @throws JacksonException when the text is not one JSON document
   * @throws ApiError when it is one, but one that is refused
   */
  public static @Nullable Object parseRequest(byte[] text) {
    return parseChecked(text, "body");
  }

  /**
   * Parses and refuses as {@link #parseRequest}, for a document that is not an HTTP body (a robot's
   * WebSocket message): {@code document} is what the refusal calls it ({@code message}).
   *
   * @throws JacksonException when the text is not one JSON document
   * @throws ApiError when it is one, but one that is refused; its message says why and where
   */
  public static @Nullable Object parseChecked(byte[] text, String document) {
    Object parsed;
    try {
      parsed = parse(text);
    } catch (StreamConstraintsException e) {
      throw tooDeep(e, document);
    }
    RequestValues.check(parsed, document);
    return parsed;
  }

  /** Parses a body that must be a JSON object; anything else is a 400 that says so. */
  public static JsonBody object(byte[] body) {
    Object parsed;
    try {
      parsed = parseRequest(body);
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

  private static ApiError tooDeep(StreamConstraintsException e, String document) {
    String message = e.getOriginalMessage();
    if (message != null && message.contains("nesting depth")) {
      return ApiError.badRequest(
          "Invalid JSON "
              + document
              + ": arrays and objects nest deeper than "
              + MAX_DEPTH
              + " levels, the most Baton accepts");
    }
    return ApiError.badRequest("Invalid JSON " + document + ": " + message);
  }
}
