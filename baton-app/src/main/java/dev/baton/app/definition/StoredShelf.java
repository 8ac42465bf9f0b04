package dev.baton.app.definition;

import dev.baton.blueprint.Compatibility;
import dev.baton.console.BlueprintShelf;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.engine.BatonException;
import java.util.List;
import java.util.Map;

/**
 * The console's {@link BlueprintShelf} on the stored blueprints: the store, document checks, diff
 * and compatibility check that {@link BlueprintRoutes} uses, and every change applied to the engine
 * through {@link StoredBlueprints} as a push or publish over the API is.
 */
public final class StoredShelf implements BlueprintShelf {
  private final StoredBlueprints stored;
  private final DefinitionStore store;

  public StoredShelf(StoredBlueprints stored) {
    this.stored = stored;
    this.store = stored.store();
  }

  @Override
  public List<Definition> blueprints(DefinitionQuery query) {
    return store.definitions(query.kind(DefinitionKind.BLUEPRINT));
  }

  @Override
  public Reading read(DefinitionContent content) {
    BlueprintDocuments.Parsed parsed = BlueprintDocuments.parse("document", content);
    return parsed.ok()
        ? new Reading(parsed.get(), List.of())
        : new Reading(null, parsed.problems().stream().map(String::valueOf).toList());
  }

  @Override
  public DefinitionStore.Saved save(NewDefinition draft) {
    DefinitionStore.Saved saved = store.save(draft);
    stored.apply(saved.definition());
    return saved;
  }

  @Override
  public Definition move(String name, int version, DefinitionStatus to, String by) {
    Definition moved =
        store.move(name, version, to, by, "console", stored.engine().clock().instant());
    stored.apply(moved);
    return moved;
  }

  @Override
  public String diff(Definition from, Definition to) {
    return DefinitionDiff.between(from, to);
  }

  /** As {@code publish?require=compatible} checks it: the candidate numbered as stored. */
  @Override
  public Compatibility.Report check(Definition against, Definition candidate) {
    BlueprintDocuments.Parsed parsed = BlueprintDocuments.parse("version", candidate.content());
    if (!parsed.ok()) {
      throw BatonException.invalid(candidate.describe() + " does not load: " + parsed.problems());
    }
    return stored
        .engine()
        .checkCompatibility(
            against.version(), BlueprintDocuments.numbered(parsed.get(), candidate), Map.of());
  }
}
