package dev.baton.scenarios.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.declarative.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  final Map<String, Object> vars =
      Map.of(
          "trigger", Map.of("source", "mes", "data", Map.of("n", 42L, "items", List.of("a", "b"))));

  @Test
  void aSingleVariableKeepsItsType() {
    assertThat(Templates.render("{{ trigger.data.n }}", vars)).isEqualTo(42L);
    assertThat(Templates.render("  {{trigger.data.items}} ", vars)).isEqualTo(List.of("a", "b"));
    // Missing: null in actions, the text itself in conditions.
    assertThat(Templates.render("{{ trigger.nope }}", vars)).isNull();
    assertThat(Templates.render("{{ trigger.nope }}", vars, true)).isEqualTo("{{ trigger.nope }}");
  }

  @Test
  void otherStringsAreRenderedAsText() {
    assertThat(Templates.render("from {{ trigger.source }}: {{trigger.data.n}} {{ x }}!", vars))
        .isEqualTo("from mes: 42 !");
    assertThat(Templates.render("item {{ trigger.data.items.1 }}", vars)).isEqualTo("item b");
    assertThat(Templates.render(Map.of("k", List.of("{{ trigger.data.n }}", 1)), vars))
        .isEqualTo(Map.of("k", List.of(42L, 1)));
    assertThat(Templates.text("$1 {{ trigger.source }} \\", vars)).isEqualTo("$1 mes \\");
  }

  @Test
  void durations() {
    assertThat(Durations.parse("30s", Duration.ZERO, "t")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m", Duration.ZERO, "t")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h", Duration.ZERO, "t")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse(1.5, Duration.ZERO, "t")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("250ms", Duration.ZERO, "t")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse(null, Duration.ofSeconds(30), "t"))
        .isEqualTo(Duration.ofSeconds(30));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Durations.parse("soon", Duration.ZERO, "wait_for_state.timeout"))
        .hasMessage(
            "wait_for_state.timeout: 'soon' is not a duration; use e.g. 30s, 5m, 1h or a number of seconds");
  }
}
