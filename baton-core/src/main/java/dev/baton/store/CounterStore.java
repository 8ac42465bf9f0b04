package dev.baton.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Counters that every node sharing the store sees alike, and that survive a restart: the worker
 * routes' request windows, the scenarios' executions since their last ACK, and whose turn it is
 * among clients (fair share). Each count is one guarded write, so nodes racing on one counter never
 * pass its limit together. Checked by {@code CounterStoreContract}; safe to call from many threads.
 */
public interface CounterStore {

  /**
   * Counts one request of {@code key} in its fixed window: a window starts at the key's first
   * request after the previous window passed, and lasts {@code window}. A refused request is not
   * counted (the count stops at the limit).
   *
   * @return true when the request is within {@code limit} for its window
   */
  boolean countRequest(String key, Instant now, Duration window, long limit);

  /**
   * Forgets the windows that started before {@code before} (they have passed).
   *
   * @return how many were forgotten
   */
  int forgetWindows(Instant before);

  /**
   * Counts one execution of a scenario since its last ACK, unless it already has {@code max} (0 or
   * less: no maximum).
   *
   * @return true when counted, false when the scenario is at its maximum (nothing counted)
   */
  boolean countExecution(String scenario, long max);

  /** The executions since the last ACK, of each scenario that has any. */
  Map<String, Long> executions();

  /** ACK of every scenario: every execution counter back to zero. */
  void resetExecutions();

  /** ACK of one scenario: its execution counter back to zero. */
  void resetExecutions(String scenario);

  /**
   * When each of {@code clients} was last served, as a turn number (a higher one is more recent); a
   * client never served is left out.
   */
  Map<String, Long> turns(Collection<String> clients);

  /**
   * The clients were served, in this order: each gets the next turn number, so it goes after every
   * other client. A client that is already the most recently served keeps its turn (nothing is
   * written for a run of one client's tasks).
   */
  void served(List<String> clients);
}
