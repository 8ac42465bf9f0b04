package dev.baton.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading: built-in and user folders, overrides, order, and bad files reported and skipped. */
class ScenarioFilesTest {
  @TempDir Path dir;

  void file(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
  }

  @Test
  void builtInScenariosAreSeed001s() {
    ScenarioFiles.Loaded loaded = ScenarioFiles.load(true, null);
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.scenarios())
        .extracting(Scenario::name)
        .containsExactly(
            "Uruchomienie wszystkich usług systemu (@all)",
            "Szybkie uruchomienie usług (@all) - bez inicjalizacji",
            "Zatrzymanie wszystkich usług (@all)",
            "Restart wszystkich usług (@all)");
    assertThat(loaded.scenarios()).allMatch(s -> s.isManual() && s.source().equals("builtin"));
  }

  @Test
  void badFilesAreReportedWithNameAndReasonAndTheRestLoads() throws Exception {
    file("ok.yaml", "name: fine\npriority: 3\nactions:\n  - {type: log_event, message: hi}\n");
    file("broken.json", "{\"name\": \"x\", ");
    file("nameless.json", "{\"actions\": [{\"type\": \"log_event\"}]}");
    file("empty.json", "{\"name\": \"e\", \"actions\": []}");
    file(
        "typo.json",
        """
        {"name": "t", "trigger": {"conditions": {"or": {"conditions": [{"client_sate": {}}]}}},
         "actions": [{"type": "log_event", "message": "x"}]}
        """);
    file(
        "event.json",
        "{\"name\": \"ev\", \"trigger\": {\"type\": \"event\"}, \"actions\": [{\"type\": \"x\"}]}");
    file(
        "limits.json",
        "{\"name\": \"l\", \"cooldown\": \"soon\", \"actions\": [{\"type\": \"x\"}]}");
    file("notes.txt", "not a scenario");

    ScenarioFiles.Loaded loaded = ScenarioFiles.load(false, dir);

    assertThat(loaded.scenarios()).extracting(Scenario::name).containsExactly("fine");
    assertThat(String.join("\n", loaded.problems()))
        .contains(dir.resolve("broken.json") + ": not valid JSON")
        .contains("nameless.json: 'name' is required")
        .contains("empty.json: 'actions' is required and must be a non-empty list")
        .contains(
            "typo.json: trigger.conditions.or.conditions[0]: unknown condition type 'client_sate'")
        .contains("event.json: an event trigger needs trigger.event_type")
        .contains("limits.json: 'cooldown' must be a number, was soon");
    assertThat(loaded.problems()).hasSize(6);
  }

  @Test
  void userFileReplacesBuiltInAndLegacyFieldsAreRead() throws Exception {
    file(
        "restart.json",
        """
        {"name": "Restart wszystkich usług (@all)", "trigger": {"type": "MANUAL"},
         "actions": [{"type": "log_event", "message": "mine"}]}
        """);
    file(
        "legacy.json",
        """
        {"name": "legacy", "trigger": {"type": "scheduled",
          "conditions": {"priority": 1, "cooldown_seconds": 7, "client_state": {"any_service_in_state": "FAULT"}}},
         "actions": [{"type": "log_event", "message": "x"}]}
        """);
    ScenarioFiles.Loaded loaded = ScenarioFiles.load(true, dir);
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.scenarios()).hasSize(5);
    Scenario restart =
        loaded.scenarios().stream()
            .filter(s -> s.name().startsWith("Restart"))
            .findFirst()
            .orElseThrow();
    assertThat(restart.source()).isEqualTo("user");
    assertThat(restart.actions()).hasSize(1);
    assertThat(restart.priority()).isZero();
    Scenario legacy = loaded.scenarios().get(1);
    assertThat(legacy.name()).isEqualTo("legacy");
    assertThat(legacy.priority()).isEqualTo(1);
    assertThat(legacy.cooldownSeconds()).isEqualTo(7);
    assertThat(legacy.triggerType()).isEqualTo("schedule");
    assertThat(loaded.scenarios()).extracting(Scenario::priority).isSorted();
  }

  @Test
  void missingUserFolderIsAProblemNotACrash() {
    ScenarioFiles.Loaded loaded = ScenarioFiles.load(false, dir.resolve("nope"));
    assertThat(loaded.scenarios()).isEmpty();
    assertThat(loaded.problems()).singleElement().asString().contains("does not exist");
  }
}
