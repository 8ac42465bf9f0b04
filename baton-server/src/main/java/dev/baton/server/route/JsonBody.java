package dev.baton.server.route;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object from a request with typed reads that refuse wrong types with a 400 naming the field
 * ({@code result.status}), so bad input never gets past the route.
 */
public record JsonBody(String prefix, Map<String, Object> fields) {

  public static JsonBody empty() {
    return new JsonBody("", Map.of());
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  public @Nullable Object raw(String field) {
    return fields.get(field);
  }

  /** The string, or null when the field is absent or JSON null. */
  public @Nullable String string(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    throw ApiError.badRequest("field '" + name(field) + "' must be a string");
  }

  public String requiredString(String field) {
    String s = string(field);
    if (s == null || s.isBlank()) {
      throw ApiError.badRequest("field '" + name(field) + "' is required");
    }
    return s;
  }

  /** The integer within [min, max], or null when absent. */
  public @Nullable Integer integer(String field, int min, int max) {
    Object v = fields.get(field);
    if (v == null) {
      return null;
    }
    if ((v instanceof Long || v instanceof Integer)
        && ((Number) v).longValue() >= min
        && ((Number) v).longValue() <= max) {
      return ((Number) v).intValue();
    }
    throw ApiError.badRequest(
        "field '" + name(field) + "' must be an integer between " + min + " and " + max);
  }

  /** The nested object, empty when absent or null. */
  public JsonBody object(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return new JsonBody(name(field) + ".", Map.of());
    }
    Map<String, Object> map = Json.asObject(v);
    if (map == null) {
      throw ApiError.badRequest("field '" + name(field) + "' must be a JSON object");
    }
    return new JsonBody(name(field) + ".", map);
  }

  /** Refuses fields the route does not know, so that a typo is not silently ignored. */
  public JsonBody onlyFields(Set<String> known) {
    Set<String> unknown = new TreeSet<>(fields.keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw ApiError.badRequest(
          "unknown field '"
              + name(unknown.iterator().next())
              + "'; expected "
              + String.join(", ", new TreeSet<>(known)));
    }
    return this;
  }

  private String name(String field) {
    return prefix + field;
  }
}
