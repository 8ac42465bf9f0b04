package dev.baton.engine.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.BlueprintSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The registered blueprints, every version of each. A job keeps the version it started with, so
 * registering a new version never changes a running job; the newest version that is not retired
 * starts new jobs. A retired version (an archived definition) stays for the jobs already on it and
 * starts no new job, named or not. A version not held is asked of the {@link BlueprintSource}.
 */
public final class Blueprints {
  private final Map<String, NavigableMap<Integer, Blueprint>> byName = new ConcurrentHashMap<>();
  private final Set<String> retired = ConcurrentHashMap.newKeySet();
  private volatile BlueprintSource source = BlueprintSource.NONE;

  /** Where a version not held here is looked for; {@link BlueprintSource#NONE} by default. */
  public void source(BlueprintSource s) {
    source = s;
  }

  /** Registers a version, and lets it start jobs again if it was retired. */
  public void register(Blueprint b) {
    byName.computeIfAbsent(b.name(), k -> new ConcurrentSkipListMap<>()).put(b.version(), b);
    retired.remove(key(b.name(), b.version()));
  }

  /** Keeps the version for the jobs on it; no new job starts on it. */
  public void retire(String name, int version) {
    retired.add(key(name, version));
  }

  public boolean isRetired(String name, int version) {
    return retired.contains(key(name, version));
  }

  private static String key(String name, int version) {
    return name + "\u0000" + version;
  }

  /** The newest version that starts jobs. */
  public Optional<Blueprint> latest(String name) {
    NavigableMap<Integer, Blueprint> versions = byName.get(name);
    if (versions == null) {
      return Optional.empty();
    }
    return versions.descendingMap().values().stream()
        .filter(b -> !isRetired(b.name(), b.version()))
        .findFirst();
  }

  /**
   * That version, retired or not: what a running job continues on. A version not held here is asked
   * of the source once, and kept (retired when the source says so).
   */
  public Optional<Blueprint> get(String name, int version) {
    NavigableMap<Integer, Blueprint> versions = byName.get(name);
    Blueprint held = versions == null ? null : versions.get(version);
    if (held != null) {
      return Optional.of(held);
    }
    Optional<BlueprintSource.Found> found = source.load(name, version);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    NavigableMap<Integer, Blueprint> all =
        byName.computeIfAbsent(name, k -> new ConcurrentSkipListMap<>());
    Blueprint earlier = all.putIfAbsent(version, found.get().blueprint());
    // Registered meanwhile (a publish arriving): that registration, and its status, win.
    if (earlier == null && found.get().retired()) {
      retire(name, version);
    }
    return Optional.of(earlier != null ? earlier : found.get().blueprint());
  }

  /** The version a new job starts on: that one unless retired, or the newest when null. */
  public Optional<Blueprint> find(String name, @Nullable Integer version) {
    return version == null
        ? latest(name)
        : get(name, version).filter(b -> !isRetired(name, version));
  }

  /** Why {@link #find} found nothing, for people. */
  public String missing(String name, @Nullable Integer version) {
    if (version != null && isRetired(name, version) && get(name, version).isPresent()) {
      return "blueprint '"
          + name
          + "' version "
          + version
          + " is archived: it starts no new jobs"
          + latest(name).map(b -> "; the latest published is version " + b.version()).orElse("");
    }
    if (version == null && byName.containsKey(name)) {
      return "blueprint '" + name + "' has no published version";
    }
    return unknown(name, version);
  }

  /** Why {@link #find} found nothing for a name or version never registered. */
  public static String unknown(String name, @Nullable Integer version) {
    return version == null
        ? "blueprint '" + name + "' is not registered"
        : "blueprint '" + name + "' has no version " + version;
  }

  /** The newest version that starts jobs of each blueprint, by name. */
  public List<Blueprint> newest() {
    return byName.keySet().stream()
        .map(this::latest)
        .flatMap(Optional::stream)
        .sorted(Comparator.comparing(Blueprint::name))
        .toList();
  }
}
