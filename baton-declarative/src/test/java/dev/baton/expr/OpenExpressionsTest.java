package dev.baton.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenExpressionsTest {
  final OpenExpressions cel = new OpenExpressions(List.of("jobs", "system", "item"));
  final Map<String, Object> snapshot =
      Map.of(
          "jobs", Map.of("pending", 60, "oldest", Map.of("age_minutes", 12.5)),
          "system", Map.of("status", "critical", "recommendations", List.of("Scale job workers")),
          "item", "x");

  @Test
  void conditionsAndValuesSeeTheNamedVariables() {
    assertThat(cel.condition("jobs.pending > 50 && system.status == 'critical'").test(snapshot))
        .isTrue();
    assertThat(cel.value("math.least(jobs.pending, 5)").evaluate(snapshot)).isEqualTo(5L);
    assertThat(cel.value("jobs.oldest.age_minutes * 2.0").evaluate(snapshot)).isEqualTo(25.0);
  }

  @Test
  void whatCompiledIsKeptPerVariablesKindAndSourceAndWhatFailedFailsAgain() {
    String source = "jobs.pending > 50";
    assertThat(new OpenExpressions(List.of("jobs", "system", "item")).condition(source))
        .isSameAs(cel.condition(source));
    assertThat(cel.value(source)).isNotSameAs(cel.condition(source));
    // Another list of variables compiles on its own: there, jobs is not a variable.
    assertThatThrownBy(() -> new OpenExpressions(List.of("system")).condition(source))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("undeclared reference to 'jobs'");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cel.condition("jobs.pending >"))
          .isInstanceOf(ExpressionException.class)
          .hasMessageContaining("jobs.pending >");
    }
  }

  @Test
  void aMissingKeyMakesAConditionFalseButAValueFail() {
    assertThat(cel.condition("jobs.nothing > 1").test(snapshot)).isFalse();
    assertThatThrownBy(() -> cel.value("jobs.nothing + 1").evaluate(snapshot))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("jobs.nothing + 1");
  }

  @Test
  void readsAreTheLongestFieldPathsFromDeclaredVariables() {
    Formula f =
        cel.condition(
            "jobs.pending > 50 && jobs.oldest.age_minutes > 30.0"
                + " && system.recommendations.exists(r, r.contains('workers'))"
                + " && has(jobs.retry)");
    assertThat(f.reads())
        .containsExactly(
            "jobs.pending", "jobs.oldest.age_minutes", "system.recommendations", "jobs.retry");
  }

  @Test
  void anUndeclaredVariableOrAWrongTypeDoesNotCompile() {
    assertThatThrownBy(() -> cel.condition("robots.count > 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("undeclared reference to 'robots'");
    assertThatThrownBy(() -> cel.condition("1 + 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("does not compile");
  }
}
