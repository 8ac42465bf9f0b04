package dev.baton.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies that keep insertion order and tolerate null values (JSON has them; Map.copyOf not). */
public final class Maps {
  private Maps() {}

  public static <V> Map<String, V> copy(Map<String, ? extends V> source) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(source));
  }

  public static Map<String, Object> merged(
      Map<String, Object> base, Map<String, ? extends Object> patch) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    out.putAll(patch);
    return Collections.unmodifiableMap(out);
  }

  public static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    return merged(base, Map.of(key, value));
  }
}
