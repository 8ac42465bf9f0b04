package dev.baton.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Limits per task type that hold for every worker: HTTP workers' long-polls and the robot fleet's
 * dispatcher alike, on every node, across restarts (a restarted or resumed job's task is held to
 * them like any other).
 *
 * @param concurrency at most this many running (leased) tasks of the type, counted in the store; a
 *     type not named has no limit
 * @param rates at most {@code count} hand-outs of the type per {@code window}, counted in the
 *     store's quota table per window; a type not named has no limit
 */
public record TypeLimits(Map<String, Integer> concurrency, Map<String, Rate> rates) {
  public static final TypeLimits NONE = new TypeLimits(Map.of(), Map.of());

  public TypeLimits {
    concurrency = Map.copyOf(concurrency);
    rates = Map.copyOf(rates);
    concurrency.forEach((type, n) -> {
      if (n < 1) {
        throw new IllegalArgumentException(
            "a concurrency limit needs at least 1 running task; " + type + " has " + n);
      }
    });
  }

  /** At most {@code count} hand-outs per {@code window}. */
  public record Rate(int count, Duration window) {
    public Rate {
      if (count < 1 || window.toMillis() < 1000) {
        throw new IllegalArgumentException(
            "a rate needs a count of at least 1 and a window of at least 1 s");
      }
    }
  }

  /** Whether any of {@code types} has a limit. */
  public boolean limitsAny(Set<String> types) {
    for (String t : types) {
      if (concurrency.containsKey(t) || rates.containsKey(t)) {
        return true;
      }
    }
    return false;
  }
}
