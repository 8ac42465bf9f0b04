package dev.baton.app;

import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.loop.ControlLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The control loop's health for the console's overview card, without building a snapshot per render
 * (with a million jobs a snapshot takes half a second on SQLite):
 *
 * <ul>
 *   <li>while the loop runs, the health score and status of its newest recorded cycle ({@code
 *       orchestrator.cycle_completed} or {@code cycle_idle}, the newest of each type);
 *   <li>otherwise (the loop is disabled, {@code ORCHESTRATOR_ENABLED=false} by default) a snapshot
 *       of its own, kept for {@link #FRESH}: an older one is served while a virtual thread builds
 *       the next, so only the first render waits for one. A snapshot that fails says why.
 * </ul>
 */
final class LoopHealth implements Supplier<Map<String, @Nullable Object>> {
  static final Duration FRESH = Duration.ofSeconds(10);

  private record Kept(Instant at, Map<String, @Nullable Object> health) {}

  private final ControlLoop loop;
  private final Ledger ledger;
  private final Clock clock;
  private final AtomicReference<@Nullable Kept> kept = new AtomicReference<>();
  private final AtomicBoolean building = new AtomicBoolean();

  LoopHealth(ControlLoop loop, Ledger ledger, Clock clock) {
    this.loop = loop;
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public Map<String, @Nullable Object> get() {
    LedgerEntry newest = null;
    // Only while the loop runs: its newest cycle is then among the newest entries. With the loop
    // off, PostgreSQL answered "the newest entry of a type that has none" by walking the whole
    // ledger backwards (70 ms a type with a million entries).
    List<String> types =
        loop.running()
            ? List.of("orchestrator.cycle_completed", "orchestrator.cycle_idle")
            : List.of();
    for (String type : types) {
      for (LedgerEntry e : ledger.read(LedgerQuery.newest(1).type(type)).entries()) {
        if (newest == null || e.seq() > newest.seq()) {
          newest = e;
        }
      }
    }
    if (newest != null && newest.details().get("health_score") != null) {
      Map<String, @Nullable Object> m = new LinkedHashMap<>();
      m.put("health_score", newest.details().get("health_score"));
      m.put("status", newest.details().get("status"));
      return m;
    }
    Kept k = kept.get();
    if (k == null) {
      return build().health();
    }
    if (clock.instant().isAfter(k.at().plus(FRESH)) && building.compareAndSet(false, true)) {
      Thread.ofVirtual()
          .name("console-loop-health")
          .start(() -> {
            try {
              build();
            } finally {
              building.set(false);
            }
          });
    }
    return k.health();
  }

  private Kept build() {
    Map<String, @Nullable Object> health;
    try {
      health = system(loop);
    } catch (RuntimeException e) {
      health = new LinkedHashMap<>();
      health.put("status", "unavailable: " + e.getMessage());
    }
    Kept k = new Kept(clock.instant(), health);
    kept.set(k);
    return k;
  }

  /** The loop's {@code system} section now: its health score and status. */
  @SuppressWarnings("unchecked")
  private static Map<String, @Nullable Object> system(ControlLoop loop) {
    Object system = loop.snapshot().get("system");
    return system instanceof Map<?, ?> m
        ? new LinkedHashMap<>((Map<String, @Nullable Object>) m)
        : Map.of();
  }
}
