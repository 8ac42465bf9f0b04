package dev.baton.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of good and bad files: every bad one is reported with file and state, the rest load. */
class BadFilesTest {
  @TempDir static Path folder;
  static BlueprintFiles.Loaded loaded;

  private static void write(String name, String content) throws IOException {
    Files.writeString(folder.resolve(name), content);
  }

  @BeforeAll
  static void load() throws IOException {
    for (Path good :
        List.of(
            Examples.folder().resolve("hello.yaml"),
            Examples.folder().resolve("batch_picking.json"))) {
      Files.copy(good, folder.resolve(good.getFileName()));
    }
    write(
        "schema_error.yaml",
        """
        name: schema_error
        start: validate
        states:
          validate:
            dispatch: { params: { x: 1 }, timeout: 5x }
            on: { success: finished }
        """);
    write(
        "typo.yaml",
        """
        name: typo
        versoin: 2
        start: a
        states:
          a: { goto: finished }
        """);
    write(
        "bad_condition.yaml",
        """
        name: bad_condition
        start: route
        states:
          route:
            choose:
              - { when: "state_history.amount >", goto: big }
              - { when: "state_history.amount + 1", goto: big }
            default: finished
          big: { end: finished }
        """);
    write(
        "bad_template.yaml",
        """
        name: bad_template
        start: validate
        states:
          validate:
            dispatch:
              task: t
              params: { order: { id: "${initial_data.}" }, note: "from ${nobody.plan}" }
            on: { success: finished }
        """);
    write(
        "dangling.yaml",
        """
        name: dangling
        start: validate
        states:
          validate:
            dispatch: { task: t }
            on: { success: shipp }
          ship: { end: finished }
        """);
    write(
        "unreachable.yaml",
        """
        name: unreachable
        start: a
        states:
          a: { goto: finished }
          orphan: { goto: a }
        """);
    write(
        "two_kinds.yaml",
        """
        name: two_kinds
        start: a
        states:
          a:
            goto: b
            end: finished
          b: { end: finished }
          c: {}
        """);
    write(
        "no_start.yaml",
        """
        name: no_start
        states:
          a: { goto: finished }
        """);
    write(
        "wrong_start.yaml",
        """
        name: wrong_start
        start: begin
        states:
          a: { goto: finished }
        """);
    write("not_yaml.yaml", "name: x\nstates: [unclosed\n");
    write(
        "duplicate_state.yaml",
        """
        name: duplicate_state
        start: a
        states:
          a: { goto: finished }
          a: { goto: failed }
        """);
    write(
        "misplaced.yaml",
        """
        name: misplaced
        start: a
        states:
          a:
            goto: b
            on: { success: b }
          b:
            subflow: { blueprint: child }
            on: { done: finished }
        """);
    write(
        "bad_parallel.yaml",
        """
        name: bad_parallel
        start: a
        states:
          a:
            parallel:
              for_each: "initial_data.items"
              task: { task: pick, params: { sku: "${item.sku}", nope: "${index.foo(}" } }
              aggregate_into: b
          b:
            parallel: { for_each: "initial_data.items[", task: { task: z }, aggregate_into: finished }
        """);
    write(
        "parallel_both.yaml",
        """
        name: parallel_both
        start: b
        states:
          b:
            parallel: { tasks: [ { task: x } ], for_each: "y", task: { task: z }, aggregate_into: finished }
        """);
    write(
        "state_typos.yaml",
        """
        name: state_typos
        start: a
        states:
          a:
            dispath: { task: t }
            on: { success: finished }
          "b c": { goto: finished }
        """);
    write("empty.yaml", "");
    write("hello_copy.yml", Files.readString(Examples.folder().resolve("hello.yaml")));
    write(
        "templated_type.yaml",
        """
        name: templated_type
        start: a
        states:
          a:
            dispatch: { task: "${initial_data.kind}" }
            on: { success: finished }
        """);
    write("notes.txt", "not a blueprint");
    loaded = BlueprintFiles.loadFolder(folder);
  }

  private static List<String> problemsOf(String file) {
    return loaded.problems().stream()
        .filter(p -> p.file().equals(file))
        .map(Problem::toString)
        .toList();
  }

  @Test
  void theGoodFilesLoad() {
    assertThat(loaded.blueprints())
        .extracting(Blueprint::name)
        .containsExactly("batch_picking", "hello");
    assertThat(loaded.problems())
        .extracting(Problem::file)
        .doesNotContain("hello.yaml", "batch_picking.json", "notes.txt");
  }

  @Test
  void schemaErrorsNameTheFileAndTheJsonPointer() {
    assertThat(problemsOf("schema_error.yaml"))
        .containsExactlyInAnyOrder(
            "schema_error.yaml: /states/validate/dispatch: required property 'task' not found",
            "schema_error.yaml: /states/validate/dispatch/timeout: does not match the regex pattern"
                + " ^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$");
    assertThat(loaded.problems())
        .filteredOn(p -> p.file().equals("schema_error.yaml"))
        .allSatisfy(p -> assertThat(p.state()).isEqualTo("validate"));
  }

  @Test
  void anUnknownTopLevelKeyIsATypo() {
    assertThat(problemsOf("typo.yaml"))
        .containsExactly(
            "typo.yaml: unknown key 'versoin' (allowed: $schema, name, version, api_version,"
                + " api_endpoint, description, start, states)");
  }

  @Test
  void aConditionThatDoesNotCompileNamesStateAndExpression() {
    List<String> problems = problemsOf("bad_condition.yaml");
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0))
        .startsWith(
            "bad_condition.yaml: state 'route': condition 'state_history.amount >' does not compile:"
                + " mismatched input '<EOF>'");
    assertThat(problems.get(1))
        .isEqualTo(
            "bad_condition.yaml: state 'route': condition 'state_history.amount + 1' does not"
                + " compile: expected type 'bool' but found 'int' (at 1:22)");
  }

  @Test
  void aTemplateThatDoesNotCompileNamesStatePathAndExpression() {
    assertThat(problemsOf("bad_template.yaml"))
        .hasSize(2)
        .anySatisfy(p ->
            assertThat(p)
                .startsWith(
                    "bad_template.yaml: state 'validate': dispatch.params.order.id: expression"
                        + " 'initial_data.' does not compile: "))
        .anySatisfy(p ->
            assertThat(p)
                .isEqualTo(
                    "bad_template.yaml: state 'validate': dispatch.params.note: expression"
                        + " 'nobody.plan' does not compile: undeclared reference to 'nobody'"
                        + " (in container '') (at 1:1)"));
  }

  @Test
  void aTransitionToAnUndefinedStateIsReported() {
    assertThat(problemsOf("dangling.yaml"))
        .containsExactlyInAnyOrder(
            "dangling.yaml: state 'validate' leads to 'shipp', which is not defined",
            "dangling.yaml: state 'ship' is unreachable from start state 'validate'");
    assertThat(loaded.problems())
        .filteredOn(p -> p.file().equals("dangling.yaml"))
        .extracting(Problem::state)
        .containsExactlyInAnyOrder("validate", "ship");
  }

  @Test
  void anUnreachableStateIsReported() {
    assertThat(problemsOf("unreachable.yaml"))
        .containsExactly("unreachable.yaml: state 'orphan' is unreachable from start state 'a'");
  }

  @Test
  void aStateHasExactlyOneKind() {
    assertThat(problemsOf("two_kinds.yaml"))
        .containsExactlyInAnyOrder(
            "two_kinds.yaml: /states/a: may have only one of: dispatch, parallel, approval,"
                + " subflow, choose, goto, end (found goto and end)",
            "two_kinds.yaml: /states/c: needs one of: dispatch, parallel, approval, subflow,"
                + " choose, goto, end");
  }

  @Test
  void typosInStatesAreReported() {
    assertThat(problemsOf("state_typos.yaml"))
        .containsExactlyInAnyOrder(
            "state_typos.yaml: /states: property 'b c' name is not valid: does not match the regex"
                + " pattern ^[A-Za-z_][A-Za-z0-9_.-]*$",
            "state_typos.yaml: /states/a: unknown key 'dispath' (allowed: description, dispatch,"
                + " parallel, approval, subflow, choose, default, goto, end, on)",
            "state_typos.yaml: /states/a: needs one of: dispatch, parallel, approval, subflow,"
                + " choose, goto, end");
    assertThat(loaded.problems())
        .filteredOn(p -> p.file().equals("state_typos.yaml"))
        .extracting(Problem::state)
        .containsExactlyInAnyOrder("b c", "a", "a");
  }

  @Test
  void aMissingOrUndefinedStartIsReported() {
    assertThat(problemsOf("no_start.yaml"))
        .containsExactly("no_start.yaml: required property 'start' not found");
    assertThat(problemsOf("wrong_start.yaml"))
        .containsExactly("wrong_start.yaml: start state 'begin' is not defined");
    assertThat(loaded.problems())
        .filteredOn(p -> p.file().equals("wrong_start.yaml"))
        .extracting(Problem::state)
        .containsExactly("begin");
  }

  @Test
  void brokenSyntaxAndDuplicateKeysAreReportedWithTheLine() {
    assertThat(problemsOf("not_yaml.yaml"))
        .singleElement()
        .asString()
        .startsWith("not_yaml.yaml: is not valid YAML: ")
        .contains("(line ");
    assertThat(problemsOf("duplicate_state.yaml"))
        .singleElement()
        .asString()
        .startsWith("duplicate_state.yaml: is not valid YAML: Duplicate Object property \"a\"")
        .contains("(line 5");
    assertThat(problemsOf("empty.yaml")).containsExactly("empty.yaml: is empty");
  }

  @Test
  void transitionsThatCannotHappenAreReported() {
    assertThat(problemsOf("misplaced.yaml"))
        .containsExactlyInAnyOrder(
            "misplaced.yaml: state 'a': 'on' has no effect in a goto state; use it with dispatch,"
                + " approval or subflow",
            "misplaced.yaml: state 'b': a subflow ends in 'success' or 'failure', so 'on.done'"
                + " never happens");
  }

  @Test
  void aTaskTypeMustBeAFixedName() {
    assertThat(problemsOf("templated_type.yaml"))
        .containsExactly(
            "templated_type.yaml: state 'a': dispatch.task: '${initial_data.kind}' is a template,"
                + " but a task type must be a fixed name");
  }

  @Test
  void parallelStepsAreChecked() {
    assertThat(problemsOf("bad_parallel.yaml"))
        .hasSize(2)
        .anySatisfy(p ->
            assertThat(p)
                .startsWith(
                    "bad_parallel.yaml: state 'a': parallel.task.params.nope: expression"
                        + " 'index.foo(' does not compile"))
        .anySatisfy(p ->
            assertThat(p)
                .startsWith(
                    "bad_parallel.yaml: state 'b': parallel.for_each: expression"
                        + " 'initial_data.items[' does not compile: "));
    assertThat(problemsOf("parallel_both.yaml"))
        .containsExactly(
            "parallel_both.yaml: /states/b/parallel: may have only one of: tasks, for_each (found"
                + " tasks and for_each)");
  }

  @Test
  void aSecondFileWithTheSameNameAndVersionIsSkipped() {
    assertThat(problemsOf("hello.yaml")).isEmpty();
    assertThat(problemsOf("hello_copy.yml"))
        .containsExactly(
            "hello_copy.yml: blueprint 'hello' version 1 is already defined in hello.yaml;"
                + " this file is skipped");
  }

  @Test
  void everyProblemNamesItsFile() {
    assertThat(loaded.problems())
        .extracting(Problem::file)
        .containsOnly(
            "templated_type.yaml",
            "schema_error.yaml",
            "typo.yaml",
            "bad_condition.yaml",
            "bad_template.yaml",
            "dangling.yaml",
            "unreachable.yaml",
            "two_kinds.yaml",
            "no_start.yaml",
            "wrong_start.yaml",
            "not_yaml.yaml",
            "duplicate_state.yaml",
            "misplaced.yaml",
            "bad_parallel.yaml",
            "parallel_both.yaml",
            "state_typos.yaml",
            "empty.yaml",
            "hello_copy.yml");
    assertThat(loaded.ok()).isFalse();
  }

  @Test
  void aMissingFolderIsOneProblem() {
    BlueprintFiles.Loaded none = BlueprintFiles.loadFolder(folder.resolve("nope"));
    assertThat(none.blueprints()).isEmpty();
    assertThat(none.problems()).singleElement().asString().endsWith("nope: is not a folder");
  }
}
