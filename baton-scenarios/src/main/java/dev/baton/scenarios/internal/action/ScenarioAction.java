package dev.baton.scenarios.internal.action;

import java.util.Map;

/**
 * One parsed scenario action (spec section 1.4 and Baton's own). Read with {@link Actions#parse}; a
 * new type is a new record here and its line in {@link Actions}.
 */
public sealed interface ScenarioAction
    permits LogEvent,
        SendCommand,
        SendCustomCommand,
        WaitForState,
        SendEmail,
        SendSms,
        Systemctl,
        StartJob,
        HttpRequest,
        ExecuteScenario,
        EvaluateCondition,
        Unusable {

  /** The type as the file names it. */
  String type();

  /**
   * Runs the action.
   *
   * @return what it did, for the run's history
   * @throws ActionFailure when it failed; the scenario stops here
   */
  Map<String, Object> run(ActionRun run) throws ActionFailure;
}
