package dev.baton.fleet;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of a robot message's payload. A field of the wrong type is an {@code
 * IllegalArgumentException} naming it, which the protocol answers as {@code HANDLER_ERROR}.
 */
final class Payload {
  private Payload() {}

  static String required(Map<String, Object> p, String key) {
    if (p.get(key) instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException("payload." + key + " is required (a non-empty string)");
  }

  static String text(Map<String, Object> p, String key, String fallback) {
    String s = textOrNull(p, key);
    return s == null ? fallback : s;
  }

  static @Nullable String textOrNull(Map<String, Object> p, String key) {
    Object v = p.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("payload." + key + " must be a string");
  }

  static int number(Map<String, Object> p, String key, int fallback) {
    Object v = p.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new IllegalArgumentException("payload." + key + " must be a whole number");
  }

  static Map<String, Object> object(@Nullable Object v) {
    if (v == null) {
      return Map.of();
    }
    if (v instanceof Map<?, ?> m) {
      return RobotJob.stringKeys(m);
    }
    throw new IllegalArgumentException("expected a JSON object, got " + v);
  }

  static List<Map<String, Object>> entries(@Nullable Object v) {
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException("payload.entries must be a list of log entries");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object e : list) {
      out.add(object(e));
    }
    return out;
  }

  static Instant instant(@Nullable Object v, Instant fallback) {
    if (v instanceof String s) {
      try {
        return Instant.parse(s.endsWith("Z") || s.contains("+") ? s : s + "Z");
      } catch (DateTimeParseException e) {
        return fallback;
      }
    }
    return fallback;
  }
}
