package dev.baton.loop;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an action is asked to do: the decision that chose it (its rule, priority, reason and
 * evaluated params) and the snapshot the decision was taken on.
 */
public record ActionRequest(Decision decision, Map<String, Object> snapshot) {

  public Map<String, @Nullable Object> params() {
    return decision.params();
  }

  /** A text param; {@code fallback} when it is absent or null. */
  public String text(String name, String fallback) {
    Object v = params().get(name);
    return v == null ? fallback : String.valueOf(v);
  }

  /** A whole-number param; {@code fallback} when absent. Refuses anything else. */
  public long number(String name, long fallback) {
    Object v = params().get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw new IllegalArgumentException("param '" + name + "' must be a whole number, was " + v);
  }

  /** A list-of-text param; empty when absent. Refuses anything else. */
  public List<String> texts(String name) {
    Object v = params().get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    throw new IllegalArgumentException("param '" + name + "' must be a list, was " + v);
  }
}
