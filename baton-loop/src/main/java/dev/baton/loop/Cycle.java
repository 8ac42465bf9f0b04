package dev.baton.loop;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One control cycle: the snapshot it took (with {@code system}), what it decided and what came of
 * each action.
 */
public record Cycle(
    long number,
    Instant timestamp,
    Map<String, Object> snapshot,
    Assessment assessment,
    Map<String, @Nullable Object> decision,
    List<Outcome> outcomes) {

  public long successCount() {
    return outcomes.stream().filter(Outcome::succeeded).count();
  }

  /** Stakazo's run-once result: {@code {snapshot, decision, execution, timestamp}}. */
  public Map<String, @Nullable Object> view() {
    Map<String, @Nullable Object> execution = new LinkedHashMap<>();
    execution.put("total_actions", outcomes.size());
    execution.put("success_count", successCount());
    execution.put("error_count", outcomes.size() - successCount());
    execution.put("results", outcomes.stream().map(Outcome::view).toList());
    execution.put("timestamp", timestamp.toString());
    Map<String, @Nullable Object> out = new LinkedHashMap<>();
    out.put("cycle", number);
    out.put("snapshot", snapshot);
    out.put("decision", decision);
    out.put("execution", execution);
    out.put("timestamp", timestamp.toString());
    return out;
  }
}
