package dev.baton.app.definition;

import dev.baton.blueprint.Blueprint;
import dev.baton.declarative.BlueprintFiles;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionException;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.engine.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The blueprints folder stored as definitions. Each good file is saved as a published version of
 * its blueprint by {@code file:<file name>}, unless the newest version that file stored has the
 * same content hash: an unchanged file changes nothing, a changed one publishes a new version, and
 * a version pushed over the API since is not undone by a restart. The file's {@code version:} is
 * recorded as the declared version; the store's number is the version (at least the declared one).
 */
public final class BlueprintFolder {
  private BlueprintFolder() {}

  /**
   * What a load did.
   *
   * @param versions the version of each good file: new, or the unchanged one it matched
   * @param created how many of them are new
   * @param problems the files that did not load, and why
   */
  public record Stored(List<Definition> versions, int created, List<String> problems) {}

  /**
   * Stores the folder's good files. A blueprint whose name the store refuses (it is a path segment
   * of the API) is registered in the engine as before, unstored, and reported.
   */
  public static Stored store(Path folder, DefinitionStore store, Engine engine) {
    BlueprintFiles.Read read = BlueprintFiles.readFolder(folder);
    List<Definition> versions = new ArrayList<>();
    List<String> problems = new ArrayList<>(read.problems().stream().map(String::valueOf).toList());
    int created = 0;
    // Files of one name in the order of the versions they declare, so that pay.yaml (version: 1)
    // and pay-v2.yaml (version: 2) are stored as versions 1 and 2 whatever their file names.
    List<BlueprintFiles.Source> sources = new ArrayList<>(read.sources());
    sources.sort(
        Comparator.comparing((BlueprintFiles.Source f) -> f.blueprint().name())
            .thenComparingInt(f -> f.blueprint().version()));
    for (BlueprintFiles.Source file : sources) {
      Blueprint b = file.blueprint();
      DefinitionContent content =
          file.json() ? DefinitionContent.json(file.text()) : DefinitionContent.yaml(file.text());
      try {
        DefinitionStore.Saved saved =
            store.save(
                NewDefinition.builder(DefinitionKind.BLUEPRINT, b.name(), content)
                    .description(b.description())
                    .declaredVersion(b.version())
                    .publish()
                    .skipUnchanged()
                    .by("file:" + file.fileName(), "app")
                    .at(engine.clock().instant())
                    .build());
        versions.add(saved.definition());
        created += saved.created() ? 1 : 0;
      } catch (DefinitionException e) {
        engine.register(b);
        problems.add(
            file.fileName() + ": not stored, registered in memory only: " + e.getMessage());
      }
    }
    return new Stored(versions, created, problems);
  }
}
