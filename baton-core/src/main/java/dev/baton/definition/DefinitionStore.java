package dev.baton.definition;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where definitions are kept, every version of each: the port every store implements ({@code
 * InMemoryStore.definitions()}, {@code JdbcStore.definitions()}).
 *
 * <p>Contract (checked on every store by {@code DefinitionStoreContract}): versions of a name are
 * numbered 1, 2, ... by the store, and two saves however concurrent (from one process or several
 * sharing a database) never get the same number; the content of a version never changes; a publish
 * or an archive appends a ledger entry ({@link DefinitionEntries}) in the same transaction as the
 * change, so the ledger names every version that ever started jobs. A write that returns is durable
 * (for a durable store). Every method is safe to call from many threads.
 */
public interface DefinitionStore {

  /** What a save did: the version stored, or the unchanged one it matched. */
  record Saved(Definition definition, boolean created) {}

  /**
   * Stores a new version numbered {@link NewDefinition#versionAfter} the highest of its name.
   *
   * @throws DefinitionException CONFLICT when the name is a definition of another kind
   */
  Saved save(NewDefinition definition);

  /**
   * Moves one version to {@code to} (publish, archive), as {@link DefinitionStatus} allows.
   *
   * @param by who asked, recorded in the ledger entry
   * @param source the ledger entry's source
   * @throws DefinitionException NOT_FOUND for an unknown version, CONFLICT for an illegal move
   */
  Definition move(
      String name, int version, DefinitionStatus to, String by, String source, Instant at);

  Optional<Definition> definition(String name, int version);

  /** The highest published version: the one a new job starts on. */
  Optional<Definition> latestPublished(String name);

  /** Every version of the name, oldest first; empty for an unknown name. */
  List<Definition> versions(String name);

  /** The matching versions, by name then version. */
  List<Definition> definitions(DefinitionQuery query);

  /**
   * The versions stored or moved at or after {@code since} (by the writer's clock), by name then
   * version: what another node must look at again.
   */
  List<Definition> changedSince(Instant since);
}
