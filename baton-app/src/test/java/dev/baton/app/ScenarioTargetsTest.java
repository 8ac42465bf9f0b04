package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioTargetsTest {
  @Test
  void beforeTheScenariosJoinEveryScenarioTargetIsMissing() {
    assertThat(new ScenarioTargets().jobFor("hello", Map.of("source", "schedule"))).isEmpty();
  }
}
