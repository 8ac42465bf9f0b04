package dev.baton.job;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to run: the task type a worker must support, its params, and how to run it. A null timeout
 * or retry policy means the engine's default.
 *
 * @param strategy how to pick a worker: {@code default} lets any capable worker take the task from
 *     the shared queue; another strategy ({@code round_robin}, {@code least_connections}, {@code
 *     cheapest}, {@code best_value}, ...) or resource requirements make the engine choose one live
 *     worker when it dispatches.
 * @param requirements Avtomatika resource requirements: {@code gpu_info.model} (substring), {@code
 *     gpu_info.vram_gb} (at least), {@code installed_models} (all present).
 */
public record TaskSpec(
    String type,
    Map<String, Object> params,
    int priority,
    @Nullable Duration timeout,
    @Nullable RetryPolicy retry,
    String strategy,
    Map<String, Object> requirements,
    @Nullable Double maxCost) {

  public static final String DEFAULT_STRATEGY = "default";

  public TaskSpec {
    if (type.isBlank()) {
      throw new IllegalArgumentException("a task needs a type");
    }
    params = Maps.copy(params);
    requirements = Maps.copy(requirements);
  }

  public static TaskSpec of(String type, Map<String, Object> params) {
    return new TaskSpec(type, params, 0, null, null, DEFAULT_STRATEGY, Map.of(), null);
  }

  public TaskSpec withPriority(int p) {
    return new TaskSpec(type, params, p, timeout, retry, strategy, requirements, maxCost);
  }

  public TaskSpec withTimeout(@Nullable Duration t) {
    return new TaskSpec(type, params, priority, t, retry, strategy, requirements, maxCost);
  }

  public TaskSpec withRetry(@Nullable RetryPolicy r) {
    return new TaskSpec(type, params, priority, timeout, r, strategy, requirements, maxCost);
  }

  public TaskSpec withStrategy(String s) {
    return new TaskSpec(type, params, priority, timeout, retry, s, requirements, maxCost);
  }

  public TaskSpec withRequirements(Map<String, Object> r) {
    return new TaskSpec(type, params, priority, timeout, retry, strategy, r, maxCost);
  }

  public TaskSpec withMaxCost(@Nullable Double c) {
    return new TaskSpec(type, params, priority, timeout, retry, strategy, requirements, c);
  }

  /** True when the engine must pick a specific worker at dispatch time. */
  public boolean needsPlacement() {
    return !DEFAULT_STRATEGY.equals(strategy) || !requirements.isEmpty() || maxCost != null;
  }
}
