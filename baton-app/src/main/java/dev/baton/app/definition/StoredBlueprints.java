package dev.baton.app.definition;

import dev.baton.blueprint.Blueprint;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.duty.Duty;
import dev.baton.engine.BlueprintSource;
import dev.baton.engine.Engine;
import dev.baton.store.Wakeups;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the engine's blueprints equal to the stored ones. At start it registers the latest
 * published version of each blueprint (what new jobs start on); any other version is loaded when a
 * job first needs it (a running job on an older version, a job that names one), as the engine's
 * {@link BlueprintSource}: an archived one then runs its jobs and starts none. Drafts never run. So
 * a start parses one version per name, however many versions are stored.
 *
 * <p>Another node's publish or archive arrives by its wake-up (PostgreSQL's NOTIFY) within moments,
 * and by a poll every {@code poll} when a wake-up is lost; the poll reads only what changed in the
 * last {@link #CLOCK_SKEW} and since, so it costs little.
 *
 * <p>Under failure: a stored version that does not parse (written by a newer Baton) is logged and
 * skipped; jobs on it fail as on an unknown version, the others run. A store that cannot be read is
 * logged and tried again at the next poll.
 */
public final class StoredBlueprints implements BlueprintSource, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StoredBlueprints.class);

  /** How far other nodes' clocks may be behind this one's and their changes still be seen. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final DefinitionStore store;
  private final Engine engine;

  /** The status of each version this engine holds from the store, by {@code name@version}. */
  private final Map<String, DefinitionStatus> held = new ConcurrentHashMap<>();

  /** The versions that did not parse here: logged once, not parsed again. */
  private final Set<String> broken = ConcurrentHashMap.newKeySet();

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

  /**
   * Registers the latest published version of every blueprint, and becomes the engine's source of
   * the others; before the engine starts.
   */
  public void loadAll() {
    Instant now = engine.clock().instant();
    engine.blueprintSource(this);
    store
        .definitions(
            DefinitionQuery.ALL
                .kind(DefinitionKind.BLUEPRINT)
                .status(DefinitionStatus.PUBLISHED)
                .newestOfEach())
        .forEach(this::apply);
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

  /**
   * Makes the engine run {@code d} as its status says; idempotent. A published version is
   * registered; an archived one held here is retired, and the version new jobs start on then is
   * registered if it is not yet.
   */
  public synchronized void apply(Definition d) {
    String key = key(d.name(), d.version());
    DefinitionStatus before = held.get(key);
    if (d.kind() != DefinitionKind.BLUEPRINT
        || d.status() == DefinitionStatus.DRAFT
        || d.status() == before) {
      return;
    }
    if (d.status() == DefinitionStatus.PUBLISHED) {
      Optional<Blueprint> b = before == null ? parse(d) : engine.blueprint(d.name(), d.version());
      if (b.isEmpty()) {
        return;
      }
      engine.register(b.get()); // registering again lets an archived version start jobs again
      held.put(key, d.status());
    } else {
      if (before != null) {
        engine.retire(d.name(), d.version());
        held.put(key, d.status());
      }
      store.latestPublished(d.name()).ifPresent(this::apply);
    }
    log.info("{} is {}", d.describe(), d.status().wireName());
  }

  /** The engine asks for a version it does not hold: a running job's, or one a job names. */
  @Override
  public synchronized Optional<Found> load(String name, int version) {
    Optional<Definition> d =
        store
            .definition(name, version)
            .filter(v -> v.kind() == DefinitionKind.BLUEPRINT)
            .filter(v -> v.status() != DefinitionStatus.DRAFT);
    if (d.isEmpty()) {
      return Optional.empty();
    }
    Optional<Found> found =
        parse(d.get()).map(b -> new Found(b, d.get().status() == DefinitionStatus.ARCHIVED));
    found.ifPresent(f -> held.put(key(name, version), d.get().status()));
    return found;
  }

  private Optional<Blueprint> parse(Definition d) {
    String key = key(d.name(), d.version());
    if (broken.contains(key)) {
      return Optional.empty();
    }
    BlueprintDocuments.Parsed parsed = BlueprintDocuments.parse(d.name(), d.content());
    if (!parsed.ok()) {
      broken.add(key);
      log.error("stored {} does not load: {}", d.describe(), parsed.problems());
      return Optional.empty();
    }
    return Optional.of(BlueprintDocuments.numbered(parsed.get(), d));
  }

  /** How many stored versions this engine holds. */
  int held() {
    return held.size();
  }

  private static String key(String name, int version) {
    return name + "@" + version;
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
