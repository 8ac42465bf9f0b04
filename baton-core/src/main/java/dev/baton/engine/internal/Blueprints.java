package dev.baton.engine.internal;

import dev.baton.blueprint.Blueprint;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The registered blueprints, every version of each. A job keeps the version it started with, so
 * registering a new version never changes a running job; the newest version starts new jobs.
 */
public final class Blueprints {
  private final Map<String, NavigableMap<Integer, Blueprint>> byName = new ConcurrentHashMap<>();

  public void register(Blueprint b) {
    byName.computeIfAbsent(b.name(), k -> new ConcurrentSkipListMap<>()).put(b.version(), b);
  }

  public Optional<Blueprint> latest(String name) {
    NavigableMap<Integer, Blueprint> versions = byName.get(name);
    return versions == null || versions.isEmpty()
        ? Optional.empty()
        : Optional.of(versions.lastEntry().getValue());
  }

  public Optional<Blueprint> get(String name, int version) {
    NavigableMap<Integer, Blueprint> versions = byName.get(name);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /** That version of the blueprint, or its newest when {@code version} is null. */
  public Optional<Blueprint> find(String name, @Nullable Integer version) {
    return version == null ? latest(name) : get(name, version);
  }

  /** Why {@link #find} found nothing, for people. */
  public static String unknown(String name, @Nullable Integer version) {
    return version == null
        ? "blueprint '" + name + "' is not registered"
        : "blueprint '" + name + "' has no version " + version;
  }

  /** The newest version of each blueprint, by name. */
  public List<Blueprint> newest() {
    return byName.values().stream()
        .filter(v -> !v.isEmpty())
        .map(v -> v.lastEntry().getValue())
        .sorted(Comparator.comparing(Blueprint::name))
        .toList();
  }
}
