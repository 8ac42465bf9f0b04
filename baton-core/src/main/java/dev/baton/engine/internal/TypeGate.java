package dev.baton.engine.internal;

import dev.baton.engine.TypeLimits;
import dev.baton.job.Task;
import dev.baton.store.JobStore;
import dev.baton.store.QuotaStore;
import dev.baton.store.TaskClaim;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Holds hand-outs to the {@link TypeLimits}: the room left under a type's concurrency limit (its
 * leased tasks counted in the store) and one unit of its rate per hand-out (the store's quota
 * table, one row per window, which the leader's retention deletes once the window has passed). Both
 * are counted in the store, so they hold across nodes and restarts. A worker's claim carries the
 * concurrency limits as the claim's caps, which the store checks in the claim's own transaction (on
 * PostgreSQL under a lock per type): nodes claiming at the same instant never pass a limit
 * together. The room read before ({@link #room}) only spares a claim that could take nothing. A
 * rate unit used for a task that is then handed back is not returned: the rate errs on the low
 * side.
 */
public final class TypeGate {
  private final TypeLimits limits;
  private final JobStore tasks;
  private final QuotaStore quotas;
  // A type whose rate is spent, until the window it was spent in ends: polls skip it meanwhile
  // instead of claiming a task only to hand it back.
  private final Map<String, Long> spentUntil = new ConcurrentHashMap<>();

  public TypeGate(TypeLimits limits, JobStore tasks, QuotaStore quotas) {
    this.limits = limits;
    this.tasks = tasks;
    this.quotas = quotas;
  }

  /** Whether any of {@code types} has a concurrency or rate limit. */
  public boolean limitsAny(Set<String> types) {
    return limits.limitsAny(types);
  }

  /** The concurrency limits of {@code types}, as a claim's caps. */
  public Map<String, Integer> caps(Set<String> types) {
    Map<String, Integer> caps = new HashMap<>(limits.concurrency());
    caps.keySet().retainAll(types);
    return caps;
  }

  /** Room under the concurrency limit per limited type of {@code types} (may be 0 or less). */
  public Map<String, Long> room(Set<String> types) {
    Set<String> limited = new LinkedHashSet<>(limits.concurrency().keySet());
    limited.retainAll(types);
    Map<String, Long> room = new HashMap<>();
    if (limited.isEmpty()) {
      return room;
    }
    Map<String, Long> running = tasks.leasedCounts(limited);
    for (String type : limited) {
      room.put(type, limits.concurrency().getOrDefault(type, 0) - running.getOrDefault(type, 0L));
    }
    return room;
  }

  /** Uses one hand-out of the type's rate at {@code now}; false when the window's rate is spent. */
  public boolean takeRate(String type, Instant now) {
    TypeLimits.Rate rate = limits.rates().get(type);
    if (rate == null) {
      return true;
    }
    long window = now.toEpochMilli() / rate.window().toMillis();
    long ends = (window + 1) * rate.window().toMillis();
    // The window's end goes with its row: the leader's retention deletes it once it has passed.
    if (quotas.consumeQuota(
            "type-rate:" + type, Long.toString(window), rate.count(), 1, Instant.ofEpochMilli(ends))
        >= 0) {
      return true;
    }
    spentUntil.put(type, ends);
    return false;
  }

  /**
   * A worker's claim within the limits: types with no room or a spent rate are left out, the rest
   * claimed with their concurrency limits as caps, and while a limited type is among them one task
   * is claimed at a time. A task whose rate turns out spent goes back through {@code handBack}.
   */
  public List<Task> claim(
      TaskClaim c, Function<TaskClaim, List<Task>> take, Consumer<Task> handBack) {
    if (!limits.limitsAny(c.taskTypes())) {
      return take.apply(c);
    }
    long nowMillis = c.now().toEpochMilli();
    Set<String> open = new LinkedHashSet<>(c.taskTypes());
    open.removeIf(t -> spentUntil.getOrDefault(t, Long.MIN_VALUE) > nowMillis);
    room(open)
        .forEach((type, left) -> {
          if (left <= 0) {
            open.remove(type);
          }
        });
    if (open.isEmpty()) {
      return List.of();
    }
    // One at a time while a limited type is among them: a claim of several could use more of a
    // rate than the window has left (and the caps keep the concurrency exact either way).
    int max = limits.limitsAny(open) ? 1 : c.limit();
    List<Task> got =
        take.apply(new TaskClaim(c.workerId(), open, max, c.now(), c.leaseUntil(), caps(open)));
    for (Task t : got) {
      if (!takeRate(t.type(), c.now())) {
        handBack.accept(t);
        return List.of();
      }
    }
    return got;
  }
}
