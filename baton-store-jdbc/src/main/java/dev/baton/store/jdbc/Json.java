package dev.baton.store.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON columns. Integers read back as {@code Long} and fractions as {@code Double}, so a map
 * round-trips as Long/Double/String/Boolean/Map/List/null (an {@code Integer} comes back a Long).
 */
final class Json {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

  private Json() {}

  static String write(Map<String, ?> value) {
    return MAPPER.writeValueAsString(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(String json) {
    return MAPPER.readValue(json, LinkedHashMap.class);
  }

  static Object required(Map<String, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      throw new IllegalStateException("stored JSON lacks '" + key + "': " + m);
    }
    return v;
  }

  static String string(Map<String, ?> m, String key) {
    return (String) required(m, key);
  }

  static @Nullable String optString(Map<String, ?> m, String key) {
    return (String) m.get(key);
  }

  /**
   * Puts the value unless it is null, an empty map or list, or the default the reader assumes when
   * the key is absent: every byte of a body is written again at each update of its row.
   */
  static void putUnlessDefault(
      Map<String, @Nullable Object> m, String key, @Nullable Object value, @Nullable Object dflt) {
    boolean empty =
        value == null
            || value.equals(dflt)
            || value instanceof Map<?, ?> map && map.isEmpty()
            || value instanceof List<?> list && list.isEmpty();
    if (!empty) {
      m.put(key, value);
    }
  }

  static int integerOr(Map<String, ?> m, String key, int absent) {
    return m.get(key) instanceof Number n ? Math.toIntExact(n.longValue()) : absent;
  }

  static String stringOr(Map<String, ?> m, String key, String absent) {
    return m.get(key) instanceof String s ? s : absent;
  }

  static int integer(Map<String, ?> m, String key) {
    return Math.toIntExact(((Number) required(m, key)).longValue());
  }

  static long longValue(Map<String, ?> m, String key) {
    return ((Number) required(m, key)).longValue();
  }

  static @Nullable Long optLong(Map<String, ?> m, String key) {
    return m.get(key) instanceof Number n ? n.longValue() : null;
  }

  static double number(Map<String, ?> m, String key) {
    return ((Number) required(m, key)).doubleValue();
  }

  static @Nullable Double optNumber(Map<String, ?> m, String key) {
    return m.get(key) instanceof Number n ? n.doubleValue() : null;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? Map.of() : (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> stringMap(Map<String, ?> m, String key) {
    return (Map<String, String>) (Map<String, ?>) map(m, key);
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Map<String, ?> m, String key) {
    Object v = m.get(key);
    return v == null ? List.of() : (List<String>) v;
  }
}
