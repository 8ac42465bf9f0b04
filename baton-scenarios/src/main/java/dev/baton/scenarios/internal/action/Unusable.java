package dev.baton.scenarios.internal.action;

import java.util.Map;

/**
 * An action that could not be read (an unknown type, a missing field). Upstream loads such a
 * scenario and fails the run when it reaches the action, so Baton does too, with the same reason.
 */
public record Unusable(String type, String reason) implements ScenarioAction {
  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    throw new ActionFailure(reason);
  }
}
