package dev.baton.declarative;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A JSON tree as plain Java: Long, Double, String, Boolean, null, List and Map (in order). */
final class JsonValues {
  private JsonValues() {}

  static @Nullable Object toJava(JsonNode node) {
    if (node.isObject()) {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.put(e.getKey(), toJava(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (node.isArray()) {
      List<@Nullable Object> out = new ArrayList<>();
      for (JsonNode item : node.values()) {
        out.add(toJava(item));
      }
      return Collections.unmodifiableList(out);
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isString()) {
      return node.stringValue();
    }
    return null;
  }

  /** An object node as a map; a missing node as an empty map. */
  @SuppressWarnings({"unchecked", "NullAway"}) // JSON objects may hold nulls; Maps.copy keeps them
  static Map<String, Object> object(JsonNode node) {
    Object v = toJava(node);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
