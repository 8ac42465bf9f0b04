package dev.baton.loop.internal;

import dev.baton.expr.Formula;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Looks up the dotted paths a formula read ({@code jobs.pending}) in the variables it read. */
final class Paths {
  private Paths() {}

  static Map<String, @Nullable Object> values(Collection<String> paths, Map<String, ?> variables) {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    for (String p : paths) {
      out.put(p, at(p, variables));
    }
    return out;
  }

  static void addReads(List<String> into, @Nullable Formula f) {
    if (f != null) {
      f.reads().stream().filter(r -> !into.contains(r)).forEach(into::add);
    }
  }

  /** The value at the path, or null when a step of it is missing. */
  static @Nullable Object at(String path, Map<String, ?> variables) {
    Object current = variables;
    for (String step : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(step);
    }
    return current;
  }
}
