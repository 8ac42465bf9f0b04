package dev.baton.loop;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What became of one decision: its action's result, or the error it failed with. */
public record Outcome(Decision decision, @Nullable Map<String, ?> result, @Nullable String error) {

  public boolean succeeded() {
    return error == null;
  }

  /** Stakazo's executor result: {@code action_type, status, result|error, priority, reason}. */
  public Map<String, @Nullable Object> view() {
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("action_type", decision.action());
    out.put("status", succeeded() ? "success" : "error");
    if (succeeded()) {
      out.put("result", result);
    } else {
      out.put("error", error);
    }
    out.put("priority", decision.priority());
    out.put("reason", decision.reason());
    out.put("rule", decision.rule());
    return out;
  }
}
