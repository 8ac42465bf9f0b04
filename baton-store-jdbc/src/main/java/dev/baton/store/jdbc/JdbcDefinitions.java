package dev.baton.store.jdbc;

import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionEntries;
import dev.baton.definition.DefinitionException;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.store.Wakeups;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The definitions in the store's database. A save or a move is one piece of work for the
 * group-commit writer, with its ledger entry in the same transaction. A refusal (a kind conflict,
 * an illegal move) is returned out of the transaction rather than thrown in it, so it never rolls
 * back the other writes that share the commit.
 */
final class JdbcDefinitions implements DefinitionStore {
  /** Numbers another node may take before this one gives up; each costs it one insert. */
  private static final int ATTEMPTS = 100;

  private final JdbcStore store;

  JdbcDefinitions(JdbcStore store) {
    this.store = store;
  }

  /** A result or why there is none: what the writer hands back. */
  private record Outcome<T>(@Nullable T value, @Nullable DefinitionException refused) {
    T get() {
      if (refused != null) {
        throw refused;
      }
      return java.util.Objects.requireNonNull(value);
    }
  }

  @Override
  public Saved save(NewDefinition d) {
    return store.write(c -> announced(c, saveIn(c, d))).get();
  }

  /** A change other nodes hear of (they reload what changed); a refusal or no-op they do not. */
  private <T> Outcome<T> announced(Connection c, Outcome<T> outcome) throws SQLException {
    if (outcome.value() instanceof Saved s ? s.created() : outcome.value() != null) {
      store.announce(c, Wakeups.Kind.DEFINITIONS);
    }
    return outcome;
  }

  private static Outcome<Saved> saveIn(Connection c, NewDefinition d) throws SQLException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Definition> newest = DefinitionSql.newest(c, d.name());
      if (newest.isPresent() && newest.get().kind() != d.kind()) {
        return new Outcome<>(
            null,
            DefinitionException.conflict(
                "'"
                    + d.name()
                    + "' is a "
                    + newest.get().kind().wireName()
                    + ", not a "
                    + d.kind().wireName()));
      }
      if (newest.isPresent() && d.skipUnchanged()) {
        Optional<Definition> mine = DefinitionSql.newestBy(c, d.name(), d.createdBy());
        if (mine.isPresent() && mine.get().contentHash().equals(d.content().hash())) {
          return new Outcome<>(new Saved(mine.get(), false), null);
        }
      }
      Definition stored = d.toVersion(d.versionAfter(newest.map(Definition::version).orElse(0)));
      if (DefinitionSql.insert(c, stored)) {
        if (DefinitionEntries.recorded(stored.status())) {
          LedgerSql.append(
              c, DefinitionEntries.of(stored, null, d.createdBy(), d.source(), d.at()));
        }
        return new Outcome<>(new Saved(stored, true), null);
      }
    }
    throw new SQLException(
        "could not number a new version of '" + d.name() + "' in " + ATTEMPTS + " attempts");
  }

  @Override
  public Definition move(
      String name, int version, DefinitionStatus to, String by, String source, Instant at) {
    return store.write(c -> announced(c, moveIn(c, name, version, to, by, source, at))).get();
  }

  private static Outcome<Definition> moveIn(
      Connection c,
      String name,
      int version,
      DefinitionStatus to,
      String by,
      String source,
      Instant at)
      throws SQLException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Definition> found = DefinitionSql.byVersion(c, name, version);
      if (found.isEmpty()) {
        return new Outcome<>(
            null, DefinitionException.notFound("no definition '" + name + "' version " + version));
      }
      Definition d = found.get();
      try {
        d.status().check(to, d.describe());
      } catch (DefinitionException e) {
        return new Outcome<>(null, e);
      }
      // Guarded by the status read: another node's move in between makes this one look again.
      if (DefinitionSql.move(c, d, to, at)) {
        Definition moved = d.moved(to, at);
        LedgerSql.append(c, DefinitionEntries.of(moved, d.status(), by, source, at));
        return new Outcome<>(moved, null);
      }
    }
    throw new SQLException("could not move '" + name + "' version " + version);
  }

  @Override
  public Optional<Definition> definition(String name, int version) {
    return store.read(c -> DefinitionSql.byVersion(c, name, version));
  }

  @Override
  public Optional<Definition> latestPublished(String name) {
    return store.read(c -> DefinitionSql.latestPublished(c, name));
  }

  @Override
  public List<Definition> versions(String name) {
    return store.read(c -> DefinitionSql.versions(c, name));
  }

  @Override
  public List<Definition> definitions(DefinitionQuery query) {
    return store.read(c -> DefinitionSql.query(c, query));
  }

  @Override
  public List<Definition> changedSince(Instant since) {
    return store.read(c -> DefinitionSql.changedSince(c, since));
  }
}
