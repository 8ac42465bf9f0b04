package dev.baton.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
  private final Expressions cel = new Expressions();

  private boolean holds(String condition, Map<String, Object> input) {
    return cel.condition(condition).test(TestContext.of(input));
  }

  private static Map<String, Object> withNull(String key) {
    Map<String, Object> m = new HashMap<>();
    m.put(key, null);
    return m;
  }

  @Test
  void readsNestedFields() {
    Map<String, Object> input =
        Map.of("order", Map.of("customer", Map.of("tier", "gold", "orders", 12)));
    assertThat(holds("initial_data.order.customer.tier == 'gold'", input)).isTrue();
    assertThat(holds("initial_data.order.customer.orders >= 12", input)).isTrue();
    assertThat(holds("initial_data['order']['customer'].tier == 'silver'", input)).isFalse();
  }

  @Test
  void combinesWithAndOrNot() {
    Map<String, Object> input = Map.of("a", 2, "b", false, "c", false);
    assertThat(holds("initial_data.a > 1 && (initial_data.b || !initial_data.c)", input)).isTrue();
    assertThat(holds("initial_data.a > 1 && initial_data.b", input)).isFalse();
    assertThat(holds("initial_data.b || initial_data.c", input)).isFalse();
    assertThat(holds("!(initial_data.a == 2)", input)).isFalse();
  }

  @Test
  void usesBooleansAsConditions() {
    assertThat(holds("initial_data.vip", Map.of("vip", true))).isTrue();
    assertThat(holds("initial_data.vip", Map.of("vip", false))).isFalse();
    assertThat(holds("initial_data.vip == true", Map.of("vip", true))).isTrue();
  }

  @Test
  void checksForNull() {
    assertThat(holds("initial_data.x == null", withNull("x"))).isTrue();
    assertThat(holds("initial_data.x != null", withNull("x"))).isFalse();
    assertThat(holds("initial_data.x == null", Map.of("x", 1))).isFalse();
    Map<String, Object> nested = Map.of("order", withNull("coupon"));
    assertThat(holds("initial_data.order.coupon == null", nested)).isTrue();
  }

  @Test
  void comparesIntegersWithDoublesAndAcceptsJavaIntegers() {
    assertThat(holds("initial_data.amount > 99.5", Map.of("amount", 100))).isTrue();
    assertThat(holds("initial_data.price < 10", Map.of("price", 9.99))).isTrue();
    assertThat(holds("initial_data.n == 3", Map.of("n", Integer.valueOf(3)))).isTrue();
    assertThat(holds("initial_data.n == 3", Map.of("n", 3L))).isTrue();
    assertThat(holds("initial_data.n == 3.0", Map.of("n", 3))).isTrue();
    assertThat(holds("initial_data.f > 1", Map.of("f", 1.5f))).isTrue();
    assertThat(holds("initial_data.list[0] + 1 == 2", Map.of("list", List.of(1, 2)))).isTrue();
    assertThat(holds("initial_data.big > 10", Map.of("big", new java.math.BigDecimal("10.5"))))
        .isTrue();
  }

  @Test
  void handlesStrings() {
    Map<String, Object> input = Map.of("name", "Ada Lovelace");
    assertThat(holds("initial_data.name == 'Ada Lovelace'", input)).isTrue();
    assertThat(
            holds("initial_data.name.startsWith('Ada') && initial_data.name.size() == 12", input))
        .isTrue();
    assertThat(holds("initial_data.name.lowerAscii().contains('love')", input)).isTrue();
    assertThat(holds("initial_data.name.matches('^B')", input)).isFalse();
  }

  @Test
  void hasTellsWhetherAFieldExists() {
    assertThat(holds("has(initial_data.x)", Map.of())).isFalse();
    assertThat(holds("has(initial_data.x)", Map.of("x", 0))).isTrue();
    assertThat(holds("has(initial_data.x) && initial_data.x > 3", Map.of())).isFalse();
  }

  @Test
  void aMissingFieldMakesTheConditionFalse() {
    assertThat(holds("initial_data.x > 3", Map.of())).isFalse();
    assertThat(holds("initial_data.x.y == 'a'", Map.of())).isFalse();
    // The whole condition is false, even under a negation (documented).
    assertThat(holds("!(initial_data.x > 3)", Map.of())).isFalse();
    // CEL's || and && absorb the error when the other side decides.
    assertThat(holds("initial_data.x > 3 || initial_data.y == 1", Map.of("y", 1))).isTrue();
    assertThat(holds("initial_data.?x.orValue(0) > 3", Map.of())).isFalse();
    assertThat(holds("initial_data.?x.orValue(5) > 3", Map.of())).isTrue();
  }

  @Test
  void otherEvaluationErrorsFailWithTheExpression() {
    assertThatThrownBy(() -> holds("initial_data.s > 3", Map.of("s", "abc")))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("condition 'initial_data.s > 3' failed: ")
        .hasMessageContaining("No matching overload")
        .satisfies(e -> assertThat(((ExpressionException) e).isCompileError()).isFalse());
  }

  @Test
  void refusesANonBooleanConditionAtCompileTime() {
    assertThatThrownBy(() -> cel.condition("initial_data.amount + 1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("condition 'initial_data.amount + 1' does not compile: ")
        .hasMessageContaining("expected type 'bool' but found 'int'")
        .satisfies(e -> assertThat(((ExpressionException) e).isCompileError()).isTrue());
  }

  @Test
  void reportsSyntaxErrorsWithTheExpressionAndPosition() {
    assertThatThrownBy(() -> cel.condition("state_history.amount >"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("condition 'state_history.amount >' does not compile: ")
        .hasMessageContaining("mismatched input '<EOF>'")
        .hasMessageContaining("(at 1:23)");
    assertThatThrownBy(() -> cel.condition("1 == 'a'"))
        .hasMessageContaining("found no matching overload for '_==_'");
    assertThatThrownBy(() -> cel.condition(" ")).hasMessageContaining("it is empty");
  }

  @Test
  void refusesUnknownVariablesAndJavaCalls() {
    assertThatThrownBy(() -> cel.condition("amount > 3"))
        .hasMessageContaining("undeclared reference to 'amount'");
    assertThatThrownBy(() -> cel.value("initial_data.getClass()"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("undeclared reference to 'getClass'");
    assertThatThrownBy(() -> cel.value("item.sku"))
        .hasMessageContaining("undeclared reference to 'item'");
  }

  @Test
  void acceptsAvtomatikaStyleContextPrefixes() {
    TestContext ctx =
        TestContext.of(Map.of("amount", 150)).withData(Map.of("status", "ok", "score", 0.7));
    assertThat(cel.condition("context.initial_data.amount > 100").test(ctx)).isTrue();
    assertThat(cel.condition("context.state_history.status == 'ok'").test(ctx)).isTrue();
    assertThat(cel.condition("context.state_history.score < 0.5").test(ctx)).isFalse();
    assertThat(cel.condition("context.initial_data.missing > 100").test(ctx)).isFalse();
    assertThat(
            cel.value("context.job_id + '/' + context.current_state")
                .evaluate(Expressions.variables(ctx)))
        .isEqualTo("job-1/test");
  }

  @Test
  void seesTheJobsVariables() {
    TestContext ctx =
        TestContext.of(Map.of("a", 1))
            .withData(Map.of("b", 2))
            .withAggregation(Map.of("t1", Map.of("status", "success", "data", Map.of())))
            .withClient(Map.of("plan", "pro"));
    assertThat(cel.condition("data.b == state_history.b").test(ctx)).isTrue();
    assertThat(cel.condition("client.plan == 'pro'").test(ctx)).isTrue();
    assertThat(cel.condition("job.id == 'job-1' && job.retry_count == 0").test(ctx)).isTrue();
    assertThat(
            cel.condition("aggregation_results.all(k, aggregation_results[k].status == 'success')")
                .test(ctx))
        .isTrue();
  }

  @Test
  void valuesComeBackAsPlainJava() {
    Map<String, Object> vars =
        Expressions.variables(TestContext.of(Map.of("n", 5, "items", List.of(1, 2, 3))));
    assertThat(cel.value("initial_data.n").evaluate(vars)).isEqualTo(5L);
    assertThat(cel.value("double(initial_data.n) / 2.0").evaluate(vars)).isEqualTo(2.5);
    assertThat(cel.value("initial_data.items.map(x, x * 10)").evaluate(vars))
        .isEqualTo(List.of(10L, 20L, 30L));
    assertThat(cel.value("{'a': 1, 'b': [true, null]}").evaluate(vars))
        .isEqualTo(Map.of("a", 1L, "b", listOf(true, null)));
    assertThat(cel.value("initial_data.?missing").evaluate(vars)).isNull();
    assertThat(cel.value("null").evaluate(vars)).isNull();
  }

  @Test
  void aMissingFieldFailsAValue() {
    Map<String, Object> vars = Expressions.variables(TestContext.of(Map.of()));
    assertThatThrownBy(() -> cel.value("initial_data.order_id").evaluate(vars))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "expression 'initial_data.order_id' failed: key 'order_id' is not present in map.");
  }

  @Test
  void itemScopeSeesItemAndIndex() {
    Expression e = cel.value("item.sku + '#' + string(index)", Expressions.Scope.ITEM);
    Map<String, Object> vars = new HashMap<>(Expressions.variables(TestContext.of(Map.of())));
    vars.put("item", Map.of("sku", "A1"));
    vars.put("index", 2L);
    assertThat(e.evaluate(vars)).isEqualTo("A1#2");
  }

  @Test
  void evaluatesWithoutAJobContext() {
    CelCondition c = cel.condition("initial_data.x == 1 && state_history.y == 2");
    assertThat(c.test(Map.of("initial_data", Map.of("x", 1), "state_history", Map.of("y", 2))))
        .isTrue();
    assertThat(c.test(Map.of())).isFalse();
    assertThat(c.source()).isEqualTo("initial_data.x == 1 && state_history.y == 2");
  }

  private static List<@Nullable Object> listOf(@Nullable Object... values) {
    List<@Nullable Object> out = new ArrayList<>();
    for (Object v : values) {
      out.add(v);
    }
    return out;
  }
}
