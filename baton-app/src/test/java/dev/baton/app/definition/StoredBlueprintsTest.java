package dev.baton.app.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.engine.Engine;
import dev.baton.store.InMemoryStore;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine kept equal to the store: what loads, what a look at the changes picks up. */
class StoredBlueprintsTest {
  private final InMemoryStore store = new InMemoryStore();
  private final DefinitionStore definitions = store.definitions();
  private final Engine engine = Engine.builder(store).build();
  private final StoredBlueprints stored = new StoredBlueprints(definitions, engine);

  @AfterEach
  void close() {
    stored.close();
    engine.close();
  }

  private void save(String yaml, DefinitionStatus status) {
    definitions.save(
        NewDefinition.builder(DefinitionKind.BLUEPRINT, "b", DefinitionContent.yaml(yaml))
            .status(status)
            .at(Instant.now())
            .build());
  }

  private static String blueprint(String end) {
    return "name: b\nstart: s\nstates:\n  s: { end: " + end + " }\n";
  }

  @Test
  void publishedVersionsStartJobsArchivedOnesOnlyKeepTheirsAndDraftsAreLeftOut() {
    save(blueprint("finished"), DefinitionStatus.PUBLISHED);
    save(blueprint("failed"), DefinitionStatus.PUBLISHED);
    save(blueprint("cancelled"), DefinitionStatus.DRAFT);
    definitions.move("b", 2, DefinitionStatus.ARCHIVED, "t", "test", Instant.now());

    stored.loadAll();

    assertThat(engine.blueprint("b").orElseThrow().version()).isEqualTo(1);
    assertThat(engine.blueprint("b", 2)).as("kept for the jobs on it").isPresent();
    assertThat(engine.blueprint("b", 3)).as("a draft").isEmpty();
  }

  @Test
  void aLookAtTheChangesPicksUpWhatAnotherNodeStoredAndSkipsWhatDoesNotParse() {
    save(blueprint("finished"), DefinitionStatus.PUBLISHED);
    stored.loadAll();
    save("name: b\nstart: nowhere\nstates: {}\n", DefinitionStatus.PUBLISHED);
    save(blueprint("failed"), DefinitionStatus.PUBLISHED);

    stored.refresh();

    assertThat(engine.blueprint("b").orElseThrow().version()).isEqualTo(3);
    assertThat(engine.blueprint("b", 2)).as("does not parse").isEmpty();

    definitions.move("b", 3, DefinitionStatus.ARCHIVED, "t", "test", Instant.now());
    stored.refresh();
    assertThat(engine.blueprint("b").orElseThrow().version()).isEqualTo(1);
    definitions.move("b", 3, DefinitionStatus.PUBLISHED, "t", "test", Instant.now());
    stored.refresh();
    assertThat(engine.blueprint("b").orElseThrow().version()).isEqualTo(3);
  }
}
