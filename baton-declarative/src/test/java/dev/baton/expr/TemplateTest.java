package dev.baton.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private final Expressions cel = new Expressions();

  private final Map<String, Object> vars =
      Expressions.variables(
          TestContext.of(
                  Map.of(
                      "order_id",
                      42,
                      "items",
                      List.of(Map.of("sku", "A", "qty", 2)),
                      "price",
                      9.5,
                      "vip",
                      true))
              .withData(withNull("coupon"))
              .withClient(Map.of("plan", "pro")));

  private static Map<String, Object> withNull(String key) {
    Map<String, Object> m = new HashMap<>();
    m.put(key, null);
    return m;
  }

  private Object render(Object template) {
    return Template.compile(template, cel, Expressions.Scope.JOB).render(vars);
  }

  @Test
  void aWholePlaceholderKeepsItsType() {
    assertThat(render("${initial_data.order_id}")).isEqualTo(42L);
    assertThat(render("${ initial_data.price }")).isEqualTo(9.5);
    assertThat(render("${initial_data.vip}")).isEqualTo(true);
    assertThat(render("${initial_data.items}")).isEqualTo(List.of(Map.of("sku", "A", "qty", 2L)));
    assertThat(render("${state_history.coupon}")).isNull();
  }

  @Test
  void placeholdersInsideTextAreInterpolated() {
    assertThat(render("order ${initial_data.order_id} from ${client.plan}"))
        .isEqualTo("order 42 from pro");
    assertThat(render("coupon: [${state_history.coupon}]")).isEqualTo("coupon: []");
    assertThat(render("cart: ${ {'sku': 'A'} } ${[1, 'a', null]}"))
        .isEqualTo("cart: {\"sku\":\"A\"} [1,\"a\",null]");
    assertThat(render("${['a\"b', 1.5, false]} ok")).isEqualTo("[\"a\\\"b\",1.5,false] ok");
    assertThat(render("${initial_data.order_id}${initial_data.order_id}")).isEqualTo("4242");
  }

  @Test
  void rendersNestedMapsAndListsAndKeepsConstants() {
    Map<String, Object> params =
        Map.of(
            "id",
            "${initial_data.order_id}",
            "fixed",
            3L,
            "nested",
            Map.of("label", "#${initial_data.order_id}", "list", List.of("${client.plan}", 1L)));
    assertThat(render(params))
        .isEqualTo(
            Map.of(
                "id", 42L,
                "fixed", 3L,
                "nested", Map.of("label", "#42", "list", List.of("pro", 1L))));
    assertThat(
            Template.compile(Map.of("a", List.of(1, "x")), cel, Expressions.Scope.JOB).isConstant())
        .isTrue();
    assertThat(Template.compile(params, cel, Expressions.Scope.JOB).isConstant()).isFalse();
  }

  @Test
  void bracesAndQuotesInsideAPlaceholder() {
    assertThat(render("${ {'a': 1}.a }")).isEqualTo(1L);
    assertThat(render("x${'}' + '{'}y")).isEqualTo("x}{y");
    assertThat(render("cost: $${not_an_expression}")).isEqualTo("cost: ${not_an_expression}");
  }

  @Test
  void collectsEveryPlaceholderThatDoesNotCompileWithItsPath() {
    List<Template.TemplateError> errors = new ArrayList<>();
    Template.compile(
        Map.of("a", Map.of("b", List.of("ok", "${initial_data.}")), "c", "${nope}", "d", "${x"),
        "",
        cel,
        Expressions.Scope.JOB,
        errors);
    assertThat(errors)
        .extracting(Template.TemplateError::path)
        .containsExactlyInAnyOrder("a.b[1]", "c", "d");
    assertThat(errors.stream().map(Object::toString))
        .anyMatch(s -> s.startsWith("a.b[1]: expression 'initial_data.' does not compile: "))
        .anyMatch(s ->
            s.contains("c: expression 'nope' does not compile: undeclared reference to 'nope'"))
        .anyMatch(s -> s.contains("has no closing '}'"));
    assertThatThrownBy(() -> Template.compile("${1 +}", cel, Expressions.Scope.JOB))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("expression '1 +' does not compile");
  }

  @Test
  void aFailingPlaceholderNamesItsPath() {
    Template t =
        Template.compile(
            Map.of("order", Map.of("id", "${initial_data.missing}")), cel, Expressions.Scope.JOB);
    assertThatThrownBy(() -> t.render(vars))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(
            "order.id: expression 'initial_data.missing' failed: key 'missing' is not present in map.");
  }

  @Test
  void anOptionalValueHasADefault() {
    assertThat(render("${initial_data.?name.orValue('world')}")).isEqualTo("world");
  }
}
