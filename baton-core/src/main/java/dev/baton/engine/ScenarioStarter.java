package dev.baton.engine;

import java.util.Map;
import java.util.Optional;

/**
 * The port through which a schedule whose target is a scenario starts it. The scenarios module
 * implements it; the engine knows nothing of scenarios beyond this.
 */
@FunctionalInterface
public interface ScenarioStarter {
  /** Knows no scenario: every scenario target is missing. */
  ScenarioStarter NONE = (name, trigger) -> Optional.empty();

  /**
   * The job that runs the named scenario with that trigger ({@code source}: {@code schedule},
   * {@code data}: the schedule's input), or empty when there is no such scenario.
   */
  Optional<NewJob> jobFor(String scenario, Map<String, Object> trigger);
}
