package dev.baton.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.engine.Engine;
import dev.baton.store.InMemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad rules file is refused whole, with the file, the rule and the reason. */
class RulesFileTest {
  final InMemoryStore store = new InMemoryStore();
  final Engine engine = Engine.builder(store).build();

  RulesException refused(String text) {
    try {
      ControlLoop.builder(engine, store.ledger()).rules("rules.yaml", text).build();
    } catch (RulesException e) {
      return e;
    }
    throw new AssertionError("the rules were accepted:\n" + text);
  }

  @Test
  void anExpressionThatDoesNotCompileNamesTheRuleAndTheField() {
    RulesException e =
        refused(
            """
            rules:
              - name: broken
                when: "jobs.stuck >"
                action: alert
                priority: 5
            """);
    assertThat(e.file()).isEqualTo("rules.yaml");
    assertThat(e.rule()).isEqualTo("broken");
    assertThat(e.getMessage())
        .startsWith("rules.yaml: rule 'broken': when: condition 'jobs.stuck >' does not compile");
  }

  @Test
  void aConditionThatIsNotBooleanOrNamesAnUnknownSectionIsRefused() {
    assertThat(
            refused(
                    """
                    rules: [{name: n, when: "jobs.total + 1", action: alert, priority: 1}]
                    """)
                .getMessage())
        .contains("rule 'n'")
        .contains("does not compile");
    assertThat(
            refused(
                    """
                    rules: [{name: n, when: "elevators.stuck > 0", action: alert, priority: 1}]
                    """)
                .getMessage())
        .contains("undeclared reference to 'elevators'");
  }

  @Test
  void missingOrOutOfRangeFieldsAreNamed() {
    assertThat(refused("rules: [{name: n, action: alert}]").reason())
        .contains("priority is required");
    assertThat(refused("rules: [{name: n, action: alert, priority: 11}]").reason())
        .contains("priority must be a whole number from 1 to 10, was 11");
    assertThat(refused("rules: [{name: n, priority: 3}]").reason()).contains("action is required");
    assertThat(refused("rules: [{action: alert, priority: 3}]").getMessage())
        .contains("rule '#1'")
        .contains("name is required");
  }

  @Test
  void unknownKeysAndDuplicateNamesAreRefused() {
    assertThat(refused("rules: [{name: n, action: alert, priority: 3, prio: 4}]").reason())
        .contains("unknown key 'prio'");
    assertThat(refused("rulez: []").reason()).contains("unknown key 'rulez'");
    assertThat(
            refused(
                    """
                    rules:
                      - {name: n, action: alert, priority: 3}
                      - {name: n, action: alert, priority: 4}
                    """)
                .reason())
        .contains("the name is used by another rule");
  }

  @Test
  void healthMistakesAreRefused() {
    assertThat(refused("health: {healthy_at: 40, degraded_at: 60}").reason())
        .contains("degraded_at (60) is above healthy_at (40)");
    assertThat(refused("health: {deductions: [{name: d, when: 'true'}]}").reason())
        .contains("points is required");
    assertThat(refused("health: {deductions: [{name: d, points: 'jobs.'}]}").reason())
        .contains("health.deductions[0] (d).points");
  }

  @Test
  void textThatIsNotYamlIsRefused() {
    assertThat(refused("rules: [ {name: n").reason()).startsWith("not valid YAML");
    assertThat(refused("- just\n- a list").reason()).contains("must be a mapping");
  }

  @Test
  void anUnreadableFileIsRefusedWithItsPath(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ControlLoop.builder(engine, store.ledger()).rulesFile(missing))
        .isInstanceOf(RulesException.class)
        .hasMessageStartingWith(missing.toString())
        .hasMessageContaining("cannot read it");
  }

  @Test
  void aGoodFileLoadsFromDisk(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file, "rules: [{name: n, when: 'jobs.total > 0', action: alert, priority: 2}]");
    ControlLoop loop = ControlLoop.builder(engine, store.ledger()).rulesFile(file).build();
    assertThat(loop.rulesFile()).isEqualTo(file.toString());
    assertThat(loop.assess(java.util.Map.of("jobs", java.util.Map.of("total", 1L))).decisions())
        .extracting(Decision::rule)
        .containsExactly("n");
  }
}
