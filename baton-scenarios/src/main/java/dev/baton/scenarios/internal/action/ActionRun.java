package dev.baton.scenarios.internal.action;

import dev.baton.scenarios.condition.ConditionException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One action's run: the scenario's name, its context (actions may add to it: {@code http_request},
 * {@code evaluate_condition}), the template variables (the context and {@code scenario_name}), and
 * what actions work with.
 */
public record ActionRun(
    Facilities with, String scenario, Map<String, Object> context, Map<String, Object> vars) {

  /**
   * Runs an action of {@code scenario} over {@code context}.
   *
   * @throws ActionFailure when it failed; a bad value it found ({@link IllegalArgumentException},
   *     {@link ConditionException}) fails it with the action's type before the reason
   */
  static Map<String, Object> perform(
      Facilities with, ScenarioAction action, Map<String, Object> context, String scenario)
      throws ActionFailure {
    Map<String, Object> vars = new LinkedHashMap<>(context);
    vars.put("scenario_name", scenario);
    try {
      return action.run(new ActionRun(with, scenario, context, vars));
    } catch (IllegalArgumentException | ConditionException e) {
      throw new ActionFailure(action.type() + ": " + e.getMessage());
    }
  }

  /** Runs a nested action ({@code on_failure}, {@code then}, {@code else}) in this run. */
  Map<String, Object> nested(ScenarioAction action) throws ActionFailure {
    return perform(with, action, context, scenario);
  }
}
