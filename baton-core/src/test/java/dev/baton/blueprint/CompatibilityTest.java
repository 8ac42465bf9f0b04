package dev.baton.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.blueprint.Compatibility.Change;
import dev.baton.blueprint.Compatibility.Move;
import dev.baton.blueprint.Compatibility.StateCheck;
import dev.baton.blueprint.Compatibility.Verdict;
import dev.baton.job.TaskSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of change the classifier names, with and without running jobs and mappings. */
class CompatibilityTest {
  private static final StateHandler CODE = ctx -> Action.goTo("finished");

  /**
   * One change: version 1 and version 2 of "order", the running jobs of version 1 in {@code state},
   * the mapping, and what the classifier must say about {@code state}.
   */
  record Row(
      String name,
      UnaryOperator<Blueprint.Builder> v1,
      UnaryOperator<Blueprint.Builder> v2,
      String state,
      long jobs,
      Map<String, String> mapping,
      Change change,
      Verdict verdict,
      Move move,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static TaskSpec charge(long amount) {
    return TaskSpec.of("charge", Map.of("amount", amount));
  }

  private static UnaryOperator<Blueprint.Builder> dispatch(TaskSpec t, Map<String, String> on) {
    return b -> b.start("s").dispatch("s", t, on);
  }

  private static final UnaryOperator<Blueprint.Builder> BASE =
      dispatch(charge(1), Map.of("success", "finished"));
  private static final UnaryOperator<Blueprint.Builder> TWO_OUTCOMES =
      dispatch(charge(1), Map.of("success", "finished", "declined", "failed"));
  private static final UnaryOperator<Blueprint.Builder> WITH_X =
      b -> b.start("s").goTo("s", "x").dispatch("x", charge(1), Map.of("success", "finished"));
  private static final UnaryOperator<Blueprint.Builder> WITH_Y =
      b -> b.start("s").goTo("s", "y").dispatch("y", charge(1), Map.of("success", "finished"));
  private static final UnaryOperator<Blueprint.Builder> WITHOUT_X =
      b -> b.start("s").goTo("s", "finished");
  private static final UnaryOperator<Blueprint.Builder> CHOOSE_A =
      b -> b.start("s").choose("s", List.of(new Choice(c -> true, "failed", "a > 1")), "finished");
  private static final UnaryOperator<Blueprint.Builder> CHOOSE_B =
      b -> b.start("s").choose("s", List.of(new Choice(c -> true, "failed", "a > 2")), "finished");

  static Stream<Row> rows() {
    Map<String, String> none = Map.of();
    return Stream.of(
        new Row(
            "unchanged",
            BASE,
            BASE,
            "s",
            3,
            none,
            Change.UNCHANGED,
            Verdict.COMPATIBLE,
            Move.AS_IS,
            "unchanged; 3 running jobs are in it and move as they are"),
        new Row(
            "params changed, no job in it",
            BASE,
            dispatch(charge(2), Map.of("success", "finished")),
            "s",
            0,
            none,
            Change.DEFINITION_CHANGED,
            Verdict.COMPATIBLE,
            Move.REFUSE,
            "its definition changed; no running job is in it"),
        new Row(
            "params changed, jobs in it",
            BASE,
            dispatch(charge(2), Map.of("success", "finished")),
            "s",
            2,
            none,
            Change.DEFINITION_CHANGED,
            Verdict.NEEDS_MIGRATION,
            Move.REFUSE,
            "2 running jobs are in it: map 's: s' to enter it afresh"),
        new Row(
            "params changed, mapped to itself",
            BASE,
            dispatch(charge(2), Map.of("success", "finished")),
            "s",
            2,
            Map.of("s", "s"),
            Change.DEFINITION_CHANGED,
            Verdict.NEEDS_MIGRATION,
            Move.REENTER,
            "2 running jobs are in it and enter 's' afresh"),
        new Row(
            "task type changed",
            BASE,
            dispatch(TaskSpec.of("bill", Map.of("amount", 1L)), Map.of("success", "finished")),
            "s",
            1,
            none,
            Change.DEFINITION_CHANGED,
            Verdict.NEEDS_MIGRATION,
            Move.REFUSE,
            "1 running job is in it"),
        new Row(
            "new outcome",
            BASE,
            TWO_OUTCOMES,
            "s",
            2,
            none,
            Change.OUTCOMES_ADDED,
            Verdict.COMPATIBLE,
            Move.AS_IS,
            "new outcomes [declined]"),
        new Row(
            "outcome retargeted",
            TWO_OUTCOMES,
            dispatch(charge(1), Map.of("success", "finished", "declined", "finished")),
            "s",
            2,
            none,
            Change.OUTCOMES_RETARGETED,
            Verdict.NEEDS_MIGRATION,
            Move.REFUSE,
            "'declined' leads to 'finished' (was 'failed')"),
        new Row(
            "outcome lost, jobs waiting",
            TWO_OUTCOMES,
            BASE,
            "s",
            2,
            none,
            Change.OUTCOMES_LOST,
            Verdict.INCOMPATIBLE,
            Move.REFUSE,
            "outcome 'declined' leads nowhere (was 'failed')"),
        new Row(
            "outcome lost, no job waiting",
            TWO_OUTCOMES,
            BASE,
            "s",
            0,
            none,
            Change.OUTCOMES_LOST,
            Verdict.COMPATIBLE,
            Move.REFUSE,
            "no running job is in it"),
        new Row(
            "outcome lost, mapped",
            TWO_OUTCOMES,
            BASE,
            "s",
            2,
            Map.of("s", "s"),
            Change.OUTCOMES_LOST,
            Verdict.NEEDS_MIGRATION,
            Move.REENTER,
            "enter 's' afresh"),
        new Row(
            "kind changed",
            BASE,
            b -> b.start("s").approval("s", "ok?", Map.of("approve", "finished")),
            "s",
            2,
            none,
            Change.KIND_CHANGED,
            Verdict.NEEDS_MIGRATION,
            Move.REFUSE,
            "was dispatch, is approval now"),
        new Row(
            "removed, jobs in it",
            WITH_X,
            WITHOUT_X,
            "x",
            1,
            none,
            Change.REMOVED,
            Verdict.NEEDS_MIGRATION,
            Move.REFUSE,
            "removed in v2; 1 running job is in it: map it"),
        new Row(
            "removed, no job in it",
            WITH_X,
            WITHOUT_X,
            "x",
            0,
            none,
            Change.REMOVED,
            Verdict.COMPATIBLE,
            Move.REFUSE,
            "removed in v2; no running job is in it"),
        new Row(
            "removed, mapped",
            WITH_X,
            WITHOUT_X,
            "x",
            1,
            Map.of("x", "s"),
            Change.REMOVED,
            Verdict.NEEDS_MIGRATION,
            Move.REENTER,
            "enter 's' afresh"),
        new Row(
            "renamed, no mapping",
            WITH_X,
            WITH_Y,
            "x",
            4,
            none,
            Change.RENAMED,
            Verdict.INCOMPATIBLE,
            Move.REFUSE,
            "looks renamed to 'y'; 4 running jobs are in it:" + " map 'x: y'"),
        new Row(
            "renamed, mapped",
            WITH_X,
            WITH_Y,
            "x",
            4,
            Map.of("x", "y"),
            Change.RENAMED,
            Verdict.NEEDS_MIGRATION,
            Move.REENTER,
            "enter 'y' afresh"),
        new Row(
            "added",
            BASE,
            b ->
                b.start("s").dispatch("s", charge(1), Map.of("success", "n")).goTo("n", "finished"),
            "n",
            0,
            none,
            Change.ADDED,
            Verdict.COMPATIBLE,
            Move.AS_IS,
            "added"),
        new Row(
            "code, same targets",
            b -> b.start("s").state("s", Set.of("finished"), CODE),
            b -> b.start("s").state("s", Set.of("finished"), CODE),
            "s",
            5,
            none,
            Change.CODE_NOT_COMPARED,
            Verdict.COMPATIBLE,
            Move.AS_IS,
            "code is not compared"),
        new Row(
            "code, other targets",
            b -> b.start("s").state("s", Set.of("finished"), CODE),
            b -> b.start("s").state("s", Set.of("finished", "failed"), CODE),
            "s",
            5,
            none,
            Change.DEFINITION_CHANGED,
            Verdict.NEEDS_MIGRATION,
            Move.REFUSE,
            "5 running jobs"),
        new Row(
            "condition changed",
            CHOOSE_A,
            CHOOSE_B,
            "s",
            1,
            none,
            Change.DEFINITION_CHANGED,
            Verdict.NEEDS_MIGRATION,
            Move.REFUSE,
            "its definition changed"));
  }

  private static Blueprint order(int version, UnaryOperator<Blueprint.Builder> states) {
    return states.apply(Blueprint.builder("order").version(version)).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void classifiesTheChange(Row row) {
    Map<String, Long> running = row.jobs() == 0 ? Map.of() : Map.of(row.state(), row.jobs());
    Compatibility.Report report =
        Compatibility.check(order(1, row.v1()), order(2, row.v2()), running, row.mapping());
    StateCheck c =
        row.change() == Change.ADDED
            ? report.states().stream()
                .filter(s -> s.state().equals(row.state()))
                .findFirst()
                .orElseThrow()
            : report.of(row.state());
    assertThat(c).isNotNull();
    assertThat(c.change()).isEqualTo(row.change());
    assertThat(c.verdict()).isEqualTo(row.verdict());
    assertThat(c.move()).isEqualTo(row.move());
    assertThat(c.runningJobs()).isEqualTo(row.jobs());
    assertThat(c.reason()).contains(row.reason());
    assertThat(report.verdict()).isEqualTo(row.verdict());
  }

  @org.junit.jupiter.api.Test
  void theTableNamesEveryKindOfChange() {
    EnumSet<Change> named = EnumSet.noneOf(Change.class);
    rows().forEach(r -> named.add(r.change()));
    assertThat(named).containsExactlyInAnyOrder(Change.values());
  }

  @org.junit.jupiter.api.Test
  void aBadMappingIsRefusedNamingTheEntry() {
    Blueprint v1 = order(1, WITH_X);
    Blueprint v2 = order(2, WITHOUT_X);
    assertThatThrownBy(() -> Compatibility.check(v1, v2, Map.of(), Map.of("nope", "s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mapping 'nope: s': 'nope' is not a state of order v1");
    assertThatThrownBy(() -> Compatibility.check(v1, v2, Map.of(), Map.of("x", "z")))
        .hasMessage("mapping 'x: z': 'z' is not a state of order v2");
    assertThatThrownBy(() -> Compatibility.check(v1, v2, Map.of(), Map.of("x", "finished")))
        .hasMessageContaining("'finished' is not a state of order v2");
  }

  @org.junit.jupiter.api.Test
  void aNewStartStateIsNotedAndTheWorstStateDecides() {
    Blueprint v1 = order(1, TWO_OUTCOMES);
    Blueprint v2 =
        order(
            2,
            b ->
                b.start("pre")
                    .goTo("pre", "s")
                    .dispatch("s", charge(1), Map.of("success", "finished")));
    Compatibility.Report r = Compatibility.check(v1, v2, Map.of("s", 1L), Map.of());
    assertThat(r.notes())
        .containsExactly("the start state is 'pre' (was 's'): only new jobs start" + " there");
    assertThat(r.verdict()).isEqualTo(Verdict.INCOMPATIBLE);
    assertThat(r.jobs(Verdict.INCOMPATIBLE)).isEqualTo(1);
  }
}
