package dev.baton.loop;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A rule's verdict in one cycle: run {@code action} with {@code params}. Carries what explains it:
 * the values of the snapshot the rule read ({@code reads}, by dotted path) and, for a rule with
 * {@code for_each}, the item it was taken for.
 */
public record Decision(
    String rule,
    String action,
    int priority,
    String reason,
    Map<String, @Nullable Object> params,
    Map<String, @Nullable Object> reads,
    @Nullable Object item) {

  public Decision {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    reads = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reads));
  }

  /** As JSON: Stakazo's {@code action_type}, {@code priority}, {@code reason}, {@code params}. */
  public Map<String, @Nullable Object> view() {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("action_type", action);
    out.put("priority", priority);
    out.put("reason", reason);
    out.put("params", params);
    out.put("rule", rule);
    out.put("reads", reads);
    if (item != null) {
      out.put("item", item);
    }
    return out;
  }
}
