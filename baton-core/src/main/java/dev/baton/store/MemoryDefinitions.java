package dev.baton.store;

import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionEntries;
import dev.baton.definition.DefinitionException;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The definitions of an {@link InMemoryStore}, under the store's lock, so a publish and its ledger
 * entry appear together.
 */
final class MemoryDefinitions implements DefinitionStore {
  private final Object lock;
  private final MemoryLedger ledger;
  private final Map<String, TreeMap<Integer, Definition>> byName = new TreeMap<>();

  MemoryDefinitions(Object lock, MemoryLedger ledger) {
    this.lock = lock;
    this.ledger = ledger;
  }

  @Override
  public Saved save(NewDefinition d) {
    synchronized (lock) {
      TreeMap<Integer, Definition> versions =
          byName.computeIfAbsent(d.name(), k -> new TreeMap<>());
      if (!versions.isEmpty()) {
        Definition newest = versions.lastEntry().getValue();
        if (newest.kind() != d.kind()) {
          throw DefinitionException.conflict(
              "'"
                  + d.name()
                  + "' is a "
                  + newest.kind().wireName()
                  + ", not a "
                  + d.kind().wireName());
        }
        Optional<Definition> mine =
            versions.descendingMap().values().stream()
                .filter(v -> v.createdBy().equals(d.createdBy()))
                .findFirst();
        if (d.skipUnchanged()
            && mine.isPresent()
            && mine.get().contentHash().equals(d.content().hash())) {
          return new Saved(mine.get(), false);
        }
      }
      Definition stored = d.toVersion(d.versionAfter(versions.isEmpty() ? 0 : versions.lastKey()));
      versions.put(stored.version(), stored);
      if (DefinitionEntries.recorded(stored.status())) {
        ledger.appendLocked(DefinitionEntries.of(stored, null, d.createdBy(), d.source(), d.at()));
      }
      return new Saved(stored, true);
    }
  }

  @Override
  public Definition move(
      String name, int version, DefinitionStatus to, String by, String source, Instant at) {
    synchronized (lock) {
      Definition d =
          definition(name, version)
              .orElseThrow(() -> DefinitionException.notFound(unknown(name, version)));
      d.status().check(to, d.describe());
      Definition moved = d.moved(to, at);
      byName.computeIfAbsent(name, k -> new TreeMap<>()).put(version, moved);
      ledger.appendLocked(DefinitionEntries.of(moved, d.status(), by, source, at));
      return moved;
    }
  }

  static String unknown(String name, int version) {
    return "no definition '" + name + "' version " + version;
  }

  @Override
  public Optional<Definition> definition(String name, int version) {
    synchronized (lock) {
      TreeMap<Integer, Definition> versions = byName.get(name);
      return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }
  }

  @Override
  public Optional<Definition> latestPublished(String name) {
    synchronized (lock) {
      TreeMap<Integer, Definition> versions = byName.get(name);
      if (versions == null) {
        return Optional.empty();
      }
      return versions.descendingMap().values().stream()
          .filter(d -> d.status() == DefinitionStatus.PUBLISHED)
          .findFirst();
    }
  }

  @Override
  public List<Definition> versions(String name) {
    synchronized (lock) {
      TreeMap<Integer, Definition> versions = byName.get(name);
      return versions == null ? List.of() : List.copyOf(versions.values());
    }
  }

  @Override
  public List<Definition> definitions(DefinitionQuery q) {
    synchronized (lock) {
      List<Definition> out = new ArrayList<>();
      for (TreeMap<Integer, Definition> versions : byName.values()) {
        List<Definition> matching = versions.values().stream().filter(q::matches).toList();
        if (q.newestOnly() && !matching.isEmpty()) {
          out.add(matching.getLast());
        } else if (!q.newestOnly()) {
          out.addAll(matching);
        }
      }
      return out;
    }
  }

  @Override
  public List<Definition> changedSince(Instant since) {
    synchronized (lock) {
      List<Definition> out = new ArrayList<>();
      byName
          .values()
          .forEach(v ->
              v.values().stream().filter(d -> !d.updatedAt().isBefore(since)).forEach(out::add));
      return out;
    }
  }
}
