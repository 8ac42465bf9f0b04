package dev.baton.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@link CounterStore} part of {@link InMemoryStore}: request windows, scenario executions and
 * client turns in maps. Takes no lock: the store's monitor guards every call.
 */
final class MemoryCounters {
  private record Window(Instant start, long used) {}

  private final Map<String, Window> windows = new HashMap<>();
  private final Map<String, Long> executions = new TreeMap<>();
  private final Map<String, Long> turns = new HashMap<>();
  private long lastTurn;

  boolean countRequest(String key, Instant now, Duration window, long limit) {
    Window w = windows.get(key);
    if (w == null || !now.isBefore(w.start().plus(window))) {
      windows.put(key, new Window(now, 1));
      return limit >= 1;
    }
    if (w.used() >= limit) {
      return false;
    }
    windows.put(key, new Window(w.start(), w.used() + 1));
    return true;
  }

  int forgetWindows(Instant before) {
    int size = windows.size();
    windows.values().removeIf(w -> w.start().isBefore(before));
    return size - windows.size();
  }

  boolean countExecution(String scenario, long max) {
    long count = executions.getOrDefault(scenario, 0L);
    if (max > 0 && count >= max) {
      return false;
    }
    executions.put(scenario, count + 1);
    return true;
  }

  Map<String, Long> executions() {
    return Map.copyOf(executions);
  }

  void resetExecutions(String scenario) {
    executions.remove(scenario);
  }

  void resetExecutions() {
    executions.clear();
  }

  Map<String, Long> turns(Collection<String> clients) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String c : clients) {
      Long t = turns.get(c);
      if (t != null) {
        out.put(c, t);
      }
    }
    return out;
  }

  void served(List<String> clients) {
    for (String c : clients) {
      if (turns.getOrDefault(c, -1L) != lastTurn) {
        turns.put(c, ++lastTurn);
      }
    }
  }
}
