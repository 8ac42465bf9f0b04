package dev.baton.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.Compatibility;
import dev.baton.blueprint.Compatibility.Change;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Declarative states are compared as written: layout does not count, every key does. */
class VersionCompatibilityTest {
  private static final String V1 =
      """
      name: order
      version: 1
      start: charge
      states:
        charge:
          dispatch: { task: charge, params: { amount: "${initial_data.amount}" }, timeout: 30s }
          on: { success: route }
        route:
          choose: [ { when: "initial_data.amount > 100", goto: review } ]
          default: finished
        review:
          approval: { message: "Approve?" }
          on: { approve: finished, reject: failed }
      """;

  private static Blueprint parse(String yaml) {
    BlueprintFiles.Loaded loaded = BlueprintFiles.parse("order.yaml", yaml);
    assertThat(loaded.problems()).isEmpty();
    return loaded.blueprints().get(0);
  }

  private static Change change(String v2, String state) {
    Compatibility.Report r = Compatibility.check(parse(V1), parse(v2), Map.of(state, 1L), Map.of());
    Compatibility.StateCheck c = r.of(state);
    assertThat(c).isNotNull();
    return java.util.Objects.requireNonNull(c).change();
  }

  @Test
  void theSameDocumentLaidOutOtherwiseIsUnchanged() {
    String v2 =
        """
        name: order
        version: 2
        start: charge
        states:
          charge:
            on: { success: route }
            dispatch:
              timeout: 30s
              params: { amount: "${initial_data.amount}" }
              task: charge
          route:
            default: finished
            choose:
              - when: "initial_data.amount > 100"
                goto: review
          review:
            on: { reject: failed, approve: finished }
            approval: { message: "Approve?" }
        """;
    assertThat(change(v2, "charge")).isEqualTo(Change.UNCHANGED);
    assertThat(change(v2, "route")).isEqualTo(Change.UNCHANGED);
    assertThat(change(v2, "review")).isEqualTo(Change.UNCHANGED);
  }

  @Test
  void aChangedKeyAnOutcomeAndAConditionAreEachSeen() {
    String v2 =
        V1.replace("version: 1", "version: 2")
            .replace("timeout: 30s", "timeout: 60s")
            .replace("> 100", "> 200")
            .replace("reject: failed", "reject: failed, later: review");
    assertThat(change(v2, "charge")).isEqualTo(Change.DEFINITION_CHANGED);
    assertThat(change(v2, "route")).isEqualTo(Change.DEFINITION_CHANGED);
    assertThat(change(v2, "review")).isEqualTo(Change.OUTCOMES_ADDED);
    String lost = V1.replace("version: 1", "version: 2").replace(", reject: failed", "");
    assertThat(change(lost, "review")).isEqualTo(Change.OUTCOMES_LOST);
  }
}
