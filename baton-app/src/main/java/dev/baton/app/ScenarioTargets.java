package dev.baton.app;

import dev.baton.engine.NewJob;
import dev.baton.engine.ScenarioStarter;
import dev.baton.scenarios.Scenarios;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engine's port to the scenarios: a schedule whose target is a scenario starts it here.
 * Scenarios run on a started engine, so the engine is built with this adapter and the scenarios
 * join it once they exist. Until then every scenario target is missing, as for an unknown
 * blueprint: a schedule created then is refused, one that fires then records a failed run.
 */
final class ScenarioTargets implements ScenarioStarter {
  private volatile @Nullable Scenarios scenarios;

  /** From now on, scenario targets are looked up in these scenarios. */
  void join(Scenarios s) {
    scenarios = s;
  }

  @Override
  public Optional<NewJob> jobFor(String scenario, Map<String, Object> trigger) {
    Scenarios s = scenarios;
    return s == null ? Optional.empty() : s.jobFor(scenario, trigger);
  }
}
