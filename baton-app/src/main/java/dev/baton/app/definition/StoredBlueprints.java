package dev.baton.app.definition;

import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.duty.Duty;
import dev.baton.engine.Engine;
import dev.baton.store.Wakeups;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the engine's blueprints equal to the stored ones: every published version registered (the
 * highest starts new jobs), every archived one kept for the jobs on it but starting none, drafts
 * left out. Another node's publish arrives by its wake-up (PostgreSQL's NOTIFY) within moments, and
 * by a poll every {@code poll} when a wake-up is lost; the poll reads only what changed in the last
 * {@link #CLOCK_SKEW} and since, so it costs little.
 *
 * <p>Under failure: a stored version that no longer parses (written by a newer Baton) is logged
 * once and skipped; jobs on it fail as on an unknown version, the others run. A store that cannot
 * be read is logged and tried again at the next poll.
 */
public final class StoredBlueprints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoredBlueprints.class);

  /** How far other nodes' clocks may be behind this one's and their changes still be seen. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final DefinitionStore store;
  private final Engine engine;
  private final Map<String, DefinitionStatus> applied = new ConcurrentHashMap<>();
  private volatile Instant lastLook = Instant.EPOCH;
  private @Nullable Duty poller;

  public StoredBlueprints(DefinitionStore store, Engine engine) {
    this.store = store;
    this.engine = engine;
  }

  /** The engine the published versions run on. */
  public Engine engine() {
    return engine;
  }

  /** Where the definitions are kept. */
  public DefinitionStore store() {
    return store;
  }

  /** Registers every published and archived blueprint version; before the engine starts. */
  public void loadAll() {
    Instant now = engine.clock().instant();
    store.definitions(DefinitionQuery.ALL.kind(DefinitionKind.BLUEPRINT)).forEach(this::apply);
    lastLook = now;
  }

  /** Follows other nodes' changes from now on: their wake-ups, and a poll every {@code poll}. */
  public synchronized void follow(Wakeups wakeups, Duration poll) {
    Duty p =
        Duty.platform(
            "baton-definitions",
            poll,
            () -> {
              refresh();
              return poll;
            });
    poller = p;
    wakeups.subscribe(w -> {
      if (w.kind() == Wakeups.Kind.DEFINITIONS) {
        p.wake();
      }
    });
  }

  /** Looks at what changed since the last look (less the clock skew), and applies it. */
  public void refresh() {
    Instant now = engine.clock().instant();
    try {
      List<Definition> changed = store.changedSince(lastLook.minus(CLOCK_SKEW));
      changed.stream().filter(d -> d.kind() == DefinitionKind.BLUEPRINT).forEach(this::apply);
      lastLook = now;
    } catch (RuntimeException e) {
      log.warn("could not read changed definitions ({}); trying again later", e.getMessage());
    }
  }

  /** Makes the engine run {@code d} as its status says; idempotent. */
  public synchronized void apply(Definition d) {
    String key = d.name() + "@" + d.version();
    DefinitionStatus before = applied.get(key);
    if (d.status() == before || d.status() == DefinitionStatus.DRAFT) {
      return;
    }
    if (engine.blueprint(d.name(), d.version()).isEmpty() || before == null) {
      BlueprintDocuments.Parsed parsed = BlueprintDocuments.parse(d.name(), d.content());
      if (!parsed.ok()) {
        applied.put(key, d.status());
        log.error("stored {} does not load: {}", d.describe(), parsed.problems());
        return;
      }
      engine.register(BlueprintDocuments.numbered(parsed.get(), d));
    } else if (d.status() == DefinitionStatus.PUBLISHED) {
      engine.register(engine.blueprint(d.name(), d.version()).orElseThrow());
    }
    if (d.status() == DefinitionStatus.ARCHIVED) {
      engine.retire(d.name(), d.version());
    }
    applied.put(key, d.status());
    log.info("{} is {}", d.describe(), d.status().wireName());
  }

  @Override
  public synchronized void close() {
    Duty p = poller;
    poller = null;
    if (p != null) {
      p.close();
    }
  }
}
