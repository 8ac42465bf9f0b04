package dev.baton.scenarios.internal.action;

import dev.baton.engine.EngineObserver;
import dev.baton.scenarios.condition.ConditionException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One action's run: the scenario's name, the run's job, its context (actions may add to it: {@code
 * http_request}, {@code evaluate_condition}), the template variables (the context and {@code
 * scenario_name}), and what actions work with.
 */
public record ActionRun(
    Facilities with,
    String scenario,
    String job,
    Map<String, Object> context,
    Map<String, Object> vars) {

  /**
   * Runs an action of {@code scenario}'s run (job {@code job}) over {@code context}, traced as an
   * activity of the engine's observer: a child of {@code parent} (the job's trace), or of the
   * action it is nested in when null.
   *
   * @throws ActionFailure when it failed; a bad value it found ({@link IllegalArgumentException},
   *     {@link ConditionException}) fails it with the action's type before the reason
   */
  static Map<String, Object> perform(
      Facilities with,
      ScenarioAction action,
      Map<String, Object> context,
      String scenario,
      String job,
      @Nullable String parent)
      throws ActionFailure {
    Map<String, Object> vars = new LinkedHashMap<>(context);
    vars.put("scenario_name", scenario);
    Map<String, String> attributes =
        Map.of("baton.job.id", job, "baton.scenario", scenario, "baton.action.type", action.type());
    EngineObserver observer = with.engine().observer();
    try (EngineObserver.Activity activity =
        observer.begin("scenario action " + action.type(), parent, attributes)) {
      try {
        return action.run(new ActionRun(with, scenario, job, context, vars));
      } catch (IllegalArgumentException | ConditionException e) {
        ActionFailure failure = new ActionFailure(action.type() + ": " + e.getMessage());
        activity.failed(String.valueOf(failure.getMessage()));
        throw failure;
      } catch (ActionFailure | RuntimeException e) {
        activity.failed(String.valueOf(e.getMessage()));
        throw e;
      }
    }
  }

  /**
   * Runs a nested action ({@code on_failure}, {@code then}, {@code else}) in this run, traced as a
   * child of the action that runs it (current on this thread).
   */
  Map<String, Object> nested(ScenarioAction action) throws ActionFailure {
    return perform(with, action, context, scenario, job, null);
  }
}
