package dev.baton.engine.internal;

import dev.baton.job.TaskSpec;
import dev.baton.worker.DispatchStrategy;
import dev.baton.worker.Worker;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Picks a worker for a task that must be placed (a strategy other than {@code default}, resource
 * requirements or a cost limit), with Avtomatika's filters and strategies.
 */
public final class Placement {
  private final Map<String, DispatchStrategy> strategies = new ConcurrentHashMap<>();

  public Placement(RandomGenerator random) {
    Map<String, AtomicLong> turns = new ConcurrentHashMap<>();
    strategies.put(
        "default",
        (task, ws) -> {
          // Warm workers (the task type in their hot cache) first, then the cheapest, random tie.
          Comparator<Worker> order =
              Comparator.comparing((Worker w) -> !hotFor(w, task.type()))
                  .thenComparingDouble(w -> w.number("cost", 0));
          Worker best = ws.stream().min(order).orElseThrow();
          List<Worker> ties = ws.stream().filter(w -> order.compare(w, best) == 0).toList();
          return Optional.of(ties.get(random.nextInt(ties.size())));
        });
    strategies.put(
        "round_robin",
        (task, ws) -> {
          List<Worker> sorted = ws.stream().sorted(Comparator.comparing(Worker::id)).toList();
          long turn = turns.computeIfAbsent(task.type(), k -> new AtomicLong()).getAndIncrement();
          return Optional.of(sorted.get((int) (turn % sorted.size())));
        });
    // CasareRPA's default: the lowest share of capacity in use, random among equals.
    strategies.put(
        "least_loaded",
        (task, ws) -> {
          double least = ws.stream().mapToDouble(Placement::load).min().orElseThrow();
          List<Worker> ties = ws.stream().filter(w -> load(w) == least).toList();
          return Optional.of(ties.get(random.nextInt(ties.size())));
        });
    strategies.put("random", (task, ws) -> Optional.of(ws.get(random.nextInt(ws.size()))));
    strategies.put(
        "least_connections",
        (task, ws) -> ws.stream().min(Comparator.comparingDouble(w -> w.number("load", 0))));
    strategies.put(
        "cheapest",
        (task, ws) ->
            ws.stream().min(Comparator.comparingDouble(w -> w.number("cost_per_second", 0))));
    strategies.put(
        "best_value",
        (task, ws) ->
            ws.stream()
                .min(
                    Comparator.comparingDouble(
                        w -> w.number("cost_per_second", 0) / w.number("reputation", 1.0))));
  }

  public void register(String name, DispatchStrategy strategy) {
    strategies.put(name, strategy);
  }

  public Optional<DispatchStrategy> strategy(String name) {
    return Optional.ofNullable(strategies.get(name));
  }

  public Set<String> strategyNames() {
    return Set.copyOf(strategies.keySet());
  }

  /**
   * A worker's share of its capacity in use: {@code current_jobs / max_concurrent_jobs} for a
   * robot, else the {@code load} it reports (Avtomatika's workers report 0 to 1).
   */
  public static double load(Worker w) {
    double max = w.number("max_concurrent_jobs", 0);
    return max > 0 ? w.number("current_jobs", 0) / max : w.number("load", 0);
  }

  /** Whether the worker meets the task's resource, tag and capability requirements. */
  public static boolean meets(Map<String, Object> requirements, Worker w) {
    return Requirements.met(requirements, w);
  }

  /**
   * The chosen worker's id.
   *
   * @throws NoWorkerException when no live worker fits, which the engine retries like a handler
   *     failure, as Avtomatika does
   */
  String place(TaskSpec task, List<Worker> workers, Instant now) {
    DispatchStrategy strategy = strategies.get(task.strategy());
    if (strategy == null) {
      throw new NoWorkerException(
          "unknown dispatch strategy '" + task.strategy() + "'; known: " + strategies.keySet());
    }
    List<Worker> candidates =
        workers.stream()
            .filter(w -> w.isAlive(now))
            .filter(w -> "idle".equals(w.status()))
            .filter(w -> w.taskTypes().contains(task.type()))
            .filter(w -> Requirements.met(task.requirements(), w))
            .filter(w -> task.maxCost() == null || w.number("cost_per_second", 0) <= task.maxCost())
            .toList();
    if (candidates.isEmpty()) {
      throw new NoWorkerException("No suitable workers for task type '" + task.type() + "'");
    }
    return strategy
        .choose(task, candidates)
        .orElseThrow(
            () -> new NoWorkerException("strategy '" + task.strategy() + "' chose no worker"))
        .id();
  }

  private static boolean hotFor(Worker w, String type) {
    return w.get("hot_cache") instanceof List<?> hot && hot.contains(type);
  }

  /** No live worker fits a task that must be placed. */
  static final class NoWorkerException extends RuntimeException {
    private final String reason;

    NoWorkerException(String reason) {
      super(reason);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }
}
