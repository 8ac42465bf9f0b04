package dev.baton.console;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.Compatibility;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.engine.BatonException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The stored blueprints as the console reads and changes them: the same store, document checks,
 * diff and compatibility check as {@code /api/v1/blueprints}, so that a version pushed or published
 * here is the one the API and the CLI see. {@link #NONE} when nothing is stored.
 */
public interface BlueprintShelf {
  BlueprintShelf NONE =
      new BlueprintShelf() {
        @Override
        public List<Definition> blueprints(DefinitionQuery query) {
          return List.of();
        }

        @Override
        public Reading read(DefinitionContent content) {
          return new Reading(null, List.of("blueprints are not stored on this server"));
        }

        @Override
        public DefinitionStore.Saved save(NewDefinition draft) {
          throw BatonException.conflict("blueprints are not stored on this server");
        }

        @Override
        public Definition move(String name, int version, DefinitionStatus to, String by) {
          throw BatonException.notFound("no stored blueprint '" + name + "'");
        }

        @Override
        public String diff(Definition from, Definition to) {
          return "";
        }

        @Override
        public Compatibility.Report check(Definition against, Definition candidate) {
          throw BatonException.notFound("no stored blueprint '" + candidate.name() + "'");
        }
      };

  /**
   * A document read as a blueprint: the blueprint, or every problem found, each naming its place.
   */
  record Reading(@Nullable Blueprint blueprint, List<String> problems) {
    public Reading {
      problems = List.copyOf(problems);
    }
  }

  /** The matching versions of stored blueprints (no workflow), by name then version. */
  List<Definition> blueprints(DefinitionQuery query);

  /** Reads a document with the same JSON Schema and checks as a pushed or filed one. */
  Reading read(DefinitionContent content);

  /**
   * Stores a version (unless it matches the newest of its name) and makes the engine run it as its
   * status says.
   *
   * @throws BatonException when the store refuses it (a bad name, a workflow of that name)
   */
  DefinitionStore.Saved save(NewDefinition draft);

  /**
   * Publishes or archives a version (recorded in the ledger with source {@code console}) and makes
   * the engine run it so.
   *
   * @throws BatonException for an unknown version or a move its status does not allow
   */
  Definition move(String name, int version, DefinitionStatus to, String by);

  /** A unified diff of the two versions' content ({@code diff -u}); empty when they are equal. */
  String diff(Definition from, Definition to);

  /**
   * Whether the jobs running on {@code against} could move to {@code candidate} as they are.
   *
   * @throws BatonException when {@code against} is not a version jobs run on (a draft) or the
   *     candidate does not load
   */
  Compatibility.Report check(Definition against, Definition candidate);
}
