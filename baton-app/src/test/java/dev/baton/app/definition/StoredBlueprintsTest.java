package dev.baton.app.definition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.store.InMemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
  void aStartParsesTheLatestVersionOnlyAndARunningJobsVersionLoadsWhenItIsNeeded()
      throws Exception {
    definitions.save(
        NewDefinition.builder(
                DefinitionKind.BLUEPRINT,
                "b",
                DefinitionContent.yaml(
                    "name: b\nstart: s\nstates:\n  s:\n    dispatch: { task: t }\n"
                        + "    on: { success: finished }\n"))
            .publish()
            .at(Instant.now())
            .build());
    stored.loadAll();
    engine.registerWorker(Map.of("worker_id", "w", "supported_tasks", List.of("t")));
    String job = engine.createJob(NewJob.of("b", Map.of())).id();
    save(blueprint("failed"), DefinitionStatus.PUBLISHED);
    save(blueprint("cancelled"), DefinitionStatus.PUBLISHED);

    // A restart: a new engine on the same store.
    try (Engine again = Engine.builder(store).build();
        StoredBlueprints restarted = new StoredBlueprints(definitions, again)) {
      restarted.loadAll();
      assertThat(restarted.held()).as("only the latest version").isEqualTo(1);
      assertThat(again.blueprint("b").orElseThrow().version()).isEqualTo(3);
      again.registerWorker(Map.of("worker_id", "w", "supported_tasks", List.of("t")));
      List<Task> tasks = again.poll("w", 1, Duration.ofSeconds(5));
      assertThat(tasks).singleElement().extracting(Task::jobId).isEqualTo(job);
      again.complete(tasks.getFirst().id(), "w", TaskResult.success(Map.of()));

      assertThat(again.job(job).orElseThrow().status()).isEqualTo(JobStatus.FINISHED);
      assertThat(again.job(job).orElseThrow().blueprintVersion()).isEqualTo(1);
      assertThat(restarted.held()).as("version 1, loaded for its job").isEqualTo(2);
    }
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
