package dev.baton.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.job.JobStatus;
import dev.baton.job.TaskSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlueprintTest {
  static final TaskSpec TASK = TaskSpec.of("t", Map.of());

  @Test
  void everyProblemIsReportedWithItsState() {
    assertThatThrownBy(() ->
            Blueprint.builder("b")
                .start("a")
                .start("b")
                .dispatch("a", TASK, Map.of("success", "nowhere"))
                .goTo("island", "finished")
                .build())
        .isInstanceOf(BlueprintException.class)
        .satisfies(e ->
            assertThat(((BlueprintException) e).problems())
                .containsExactly(
                    "already has a start state: 'a'",
                    "state 'a' leads to 'nowhere', which is not defined",
                    "state 'island' is unreachable from start state 'a'"));
  }

  @Test
  void aBlueprintNeedsAStartState() {
    assertThatThrownBy(() -> Blueprint.builder("b").goTo("a", "finished").build())
        .hasMessageContaining("must have exactly one start state");
    assertThatThrownBy(() -> Blueprint.builder("b").start("x").goTo("a", "finished").build())
        .hasMessageContaining("start state 'x' is not defined");
  }

  @Test
  void aStateIsDefinedOnceAndEndsWithAFinalStatus() {
    assertThatThrownBy(() ->
            Blueprint.builder("b").start("a").goTo("a", "finished").goTo("a", "failed").build())
        .hasMessageContaining("state 'a' is defined twice");
    assertThatThrownBy(() ->
            Blueprint.builder("b").start("a").goTo("a", "z").end("z", JobStatus.RUNNING).build())
        .hasMessageContaining("not a final status");
  }

  @Test
  void terminalNamesNeedNoDeclaration() {
    Blueprint b =
        Blueprint.builder("b")
            .start("a")
            .dispatch("a", TASK, Map.of("ok", "finished", "bad", "error", "q", "quarantined"))
            .build();
    assertThat(b.state("error")).isNotNull();
    assertThat(b.state("error").endStatus()).isEqualTo(JobStatus.FAILED);
    assertThat(b.state("quarantined").endStatus()).isEqualTo(JobStatus.QUARANTINED);
    assertThat(b.state("elsewhere")).isNull();
  }
}
