package dev.baton.app.definition;

import dev.baton.blueprint.Blueprint;
import dev.baton.declarative.BlueprintFiles;
import dev.baton.declarative.Problem;
import dev.baton.definition.ContentFormat;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionContent;
import java.util.List;

/**
 * A blueprint definition's content read as a blueprint, with the same JSON Schema and checks as a
 * file in {@code ./blueprints} ({@link BlueprintFiles#parse}).
 */
final class BlueprintDocuments {
  private BlueprintDocuments() {}

  /** The blueprint, or the problems (each naming {@code label} and where in the document). */
  record Parsed(List<Blueprint> blueprint, List<Problem> problems) {
    boolean ok() {
      return problems.isEmpty() && blueprint.size() == 1;
    }

    Blueprint get() {
      return blueprint.getFirst();
    }
  }

  static Parsed parse(String label, DefinitionContent content) {
    String fileName = label + (content.format() == ContentFormat.JSON ? ".json" : ".yaml");
    BlueprintFiles.Loaded loaded = BlueprintFiles.parse(fileName, content.text());
    return new Parsed(loaded.blueprints(), loaded.problems());
  }

  /** The stored version as the engine runs it: numbered as the store numbered it. */
  static Blueprint numbered(Blueprint b, Definition d) {
    return new Blueprint(
        d.name(),
        d.version(),
        b.apiVersion(),
        b.apiEndpoint(),
        b.description(),
        b.start(),
        b.states());
  }
}
