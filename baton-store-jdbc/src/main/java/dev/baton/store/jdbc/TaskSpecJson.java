package dev.baton.store.jdbc;

import dev.baton.job.RetryPolicy;
import dev.baton.job.TaskSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TaskSpec} as JSON; durations are whole milliseconds. What is absent, empty or the
 * default is left out, and read back as the default (specs written before that have every key).
 */
final class TaskSpecJson {
  private static final String DEFAULT_STRATEGY = "default";

  private TaskSpecJson() {}

  static Map<String, @Nullable Object> toMap(TaskSpec s) {
    Duration timeout = s.timeout();
    RetryPolicy retry = s.retry();
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("type", s.type());
    Json.putUnlessDefault(m, "params", s.params(), null);
    Json.putUnlessDefault(m, "priority", s.priority(), 0);
    Json.putUnlessDefault(m, "timeout_ms", timeout == null ? null : timeout.toMillis(), null);
    Json.putUnlessDefault(m, "retry", retry == null ? null : retryToMap(retry), null);
    Json.putUnlessDefault(m, "strategy", s.strategy(), DEFAULT_STRATEGY);
    Json.putUnlessDefault(m, "requirements", s.requirements(), null);
    Json.putUnlessDefault(m, "max_cost", s.maxCost(), null);
    return m;
  }

  static TaskSpec fromMap(Map<String, ?> m) {
    Long timeout = Json.optLong(m, "timeout_ms");
    Object retry = m.get("retry");
    return new TaskSpec(
        Json.string(m, "type"),
        Json.map(m, "params"),
        Json.integerOr(m, "priority", 0),
        timeout == null ? null : Duration.ofMillis(timeout),
        retry == null ? null : retryFromMap(Json.map(m, "retry")),
        Json.stringOr(m, "strategy", DEFAULT_STRATEGY),
        Json.map(m, "requirements"),
        Json.optNumber(m, "max_cost"));
  }

  private static Map<String, Object> retryToMap(RetryPolicy r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("max_retries", r.maxRetries());
    m.put("initial_delay_ms", r.initialDelay().toMillis());
    m.put("max_delay_ms", r.maxDelay().toMillis());
    m.put("multiplier", r.multiplier());
    m.put("jitter", r.jitter());
    return m;
  }

  private static RetryPolicy retryFromMap(Map<String, ?> m) {
    return new RetryPolicy(
        Json.integer(m, "max_retries"),
        Duration.ofMillis(Json.longValue(m, "initial_delay_ms")),
        Duration.ofMillis(Json.longValue(m, "max_delay_ms")),
        Json.number(m, "multiplier"),
        Json.number(m, "jitter"));
  }
}
