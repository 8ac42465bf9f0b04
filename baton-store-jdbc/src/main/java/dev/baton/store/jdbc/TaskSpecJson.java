package dev.baton.store.jdbc;

import dev.baton.job.RetryPolicy;
import dev.baton.job.TaskSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A {@link TaskSpec} as JSON; durations are whole milliseconds. */
final class TaskSpecJson {
  private TaskSpecJson() {}

  static Map<String, @Nullable Object> toMap(TaskSpec s) {
    Duration timeout = s.timeout();
    RetryPolicy retry = s.retry();
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("type", s.type());
    m.put("params", s.params());
    m.put("priority", s.priority());
    m.put("timeout_ms", timeout == null ? null : timeout.toMillis());
    m.put("retry", retry == null ? null : retryToMap(retry));
    m.put("strategy", s.strategy());
    m.put("requirements", s.requirements());
    m.put("max_cost", s.maxCost());
    return m;
  }

  static TaskSpec fromMap(Map<String, ?> m) {
    Long timeout = Json.optLong(m, "timeout_ms");
    Object retry = m.get("retry");
    return new TaskSpec(
        Json.string(m, "type"),
        Json.map(m, "params"),
        Json.integer(m, "priority"),
        timeout == null ? null : Duration.ofMillis(timeout),
        retry == null ? null : retryFromMap(Json.map(m, "retry")),
        Json.string(m, "strategy"),
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
