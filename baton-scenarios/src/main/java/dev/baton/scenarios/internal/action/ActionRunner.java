package dev.baton.scenarios.internal.action;

import dev.baton.component.Event;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineObserver;
import dev.baton.scenarios.Components;
import dev.baton.scenarios.OrchestratorConfig;
import dev.baton.scenarios.condition.Conditions;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs scenario actions. An action either returns what it did, for the run's history, or throws
 * {@link ActionFailure}, which stops the scenario. Holds the notification failure counters.
 */
public final class ActionRunner {
  private final Facilities facilities;

  public ActionRunner(
      Components components,
      Conditions conditions,
      OrchestratorConfig config,
      Engine engine,
      Facilities.Starter starter,
      Supplier<Map<String, Object>> snapshot,
      Clock clock) {
    HttpCall http = new HttpCall();
    this.facilities =
        new Facilities(
            components,
            conditions,
            config,
            engine,
            starter,
            snapshot,
            clock,
            http,
            new Notifications(components, config));
  }

  /** Consecutive failures per action type (send_email, send_sms), for the API. */
  public Map<String, Integer> failureCounts() {
    return facilities.notifications().failureCounts();
  }

  /** Told the action type of each notification skipped after max_error_attempts failures. */
  public void onErrorSkip(java.util.function.Consumer<String> skipped) {
    facilities.notifications().onErrorSkip(skipped);
  }

  /** Resets the consecutive-failure counters (on ACK). */
  public void resetFailures() {
    facilities.notifications().resetFailures();
  }

  /**
   * Runs an action as a run's job stored it (read here, where it enters from the store).
   *
   * @param context the run's variables; actions may add to it (http_request, evaluate_condition)
   * @param job the run's job id: the action is traced in the job's trace
   */
  public Map<String, Object> run(
      Map<String, Object> action, Map<String, Object> context, String scenario, String job)
      throws ActionFailure {
    return run(Actions.parse(action), context, scenario, job);
  }

  /** Runs a parsed action. */
  public Map<String, Object> run(
      ScenarioAction action, Map<String, Object> context, String scenario, String job)
      throws ActionFailure {
    // The job is read for its trace only when something traces: untraced, an action costs no read.
    Engine engine = facilities.engine();
    String parent =
        engine.observer() == EngineObserver.NONE
            ? null
            : engine.job(job).map(EngineObserver::traceparent).orElse(null);
    return ActionRun.perform(facilities, action, context, scenario, job, parent);
  }

  /** What the SDK replies for EXECUTE_SCENARIO, for the routes. */
  public static Event.Result executed(String name, boolean success) {
    Map<String, Object> data = Map.of("scenario_executed", name, "success", success);
    return success ? Event.Result.success(data) : Event.Result.error("scenario failed", data);
  }
}
