package dev.baton.scenarios.internal;

import dev.baton.scenarios.ComponentConfig;
import dev.baton.scenarios.ComponentStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * What Baton last knew of each component: its state from its latest reply, or UNKNOWN with the
 * reason (not reached, no reply yet, silent for {@code silentPolls} polls). Thread-safe.
 */
public final class ComponentStates {
  private final int silentPolls;
  private final ConcurrentHashMap<String, ComponentStatus> statuses = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> unanswered = new ConcurrentHashMap<>();

  public ComponentStates(int silentPolls) {
    this.silentPolls = silentPolls;
  }

  public Optional<ComponentStatus> of(String name) {
    return Optional.ofNullable(statuses.get(name));
  }

  /** Not heard from yet. */
  public void added(ComponentConfig c) {
    statuses.put(c.name(), unknown(c, "no reply yet"));
    unanswered.put(c.name(), new AtomicInteger());
  }

  /** An event to it could not be delivered. */
  public void unreachable(ComponentConfig c, @Nullable String reason) {
    statuses.put(c.name(), unknown(c, reason));
  }

  /** A poll goes out; one more unanswered past the limit makes a reachable component UNKNOWN. */
  public void polling(ComponentConfig c) {
    AtomicInteger silent = unanswered.computeIfAbsent(c.name(), n -> new AtomicInteger());
    if (silent.incrementAndGet() > silentPolls) {
      ComponentStatus s = statuses.get(c.name());
      if (s == null || s.reason() == null) {
        statuses.put(
            c.name(),
            unknown(c, "no reply to CMD_GET_STATE in the last " + silentPolls + " polls"));
      }
    }
  }

  /** A reply that carried its FSM state. */
  public void replied(
      ComponentConfig c,
      String fsm,
      boolean error,
      @Nullable String message,
      Map<String, Object> state,
      Instant at) {
    statuses.put(
        c.name(),
        new ComponentStatus(
            c.name(), c.group(), c.address(), c.port(), fsm, error, message, null, at, state));
    AtomicInteger silent = unanswered.get(c.name());
    if (silent != null) {
      silent.set(0);
    }
  }

  private ComponentStatus unknown(ComponentConfig c, @Nullable String reason) {
    ComponentStatus before = statuses.get(c.name());
    return new ComponentStatus(
        c.name(),
        c.group(),
        c.address(),
        c.port(),
        null,
        false,
        null,
        reason == null ? "unreachable" : reason,
        before == null ? null : before.lastSeen(),
        Map.of());
  }
}
