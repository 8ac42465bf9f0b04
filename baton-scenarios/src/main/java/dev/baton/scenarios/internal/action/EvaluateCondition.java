package dev.baton.scenarios.internal.action;

import dev.baton.scenarios.condition.Condition;
import dev.baton.scenarios.condition.ConditionParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code evaluate_condition}: evaluates {@code condition} over the run's context (which it may add
 * to) and runs the {@code then} or the {@code else} actions; one that fails fails this action.
 */
record EvaluateCondition(
    Condition condition, List<ScenarioAction> then, List<ScenarioAction> otherwise)
    implements ScenarioAction {

  static ScenarioAction read(Map<?, ?> a) throws ActionFailure {
    if (!(a.get("condition") instanceof Map<?, ?> condition)) {
      throw new ActionFailure(
          "evaluate_condition: condition is required, e.g. {\"client_state\": {...}}");
    }
    return new EvaluateCondition(
        ConditionParser.DEFAULT.parse(condition, "condition"),
        branch(a, "then"),
        branch(a, "else"));
  }

  /** A branch's actions; an entry that is not an action object fails the run when reached. */
  private static List<ScenarioAction> branch(Map<?, ?> a, String name) {
    return Actions.parseAll(
        a.get(name),
        new Unusable(
            "evaluate_condition", "evaluate_condition: " + name + " must list action objects"));
  }

  @Override
  public String type() {
    return "evaluate_condition";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    boolean holds = run.with().conditions().test(condition, run.with().situation(run.context()));
    String branch = holds ? "then" : "else";
    List<Map<String, Object>> results = new ArrayList<>();
    for (ScenarioAction step : holds ? then : otherwise) {
      results.add(Map.of("type", step.type(), "result", run.nested(step)));
    }
    return Map.of("condition", holds, "branch", branch, "actions", results);
  }
}
