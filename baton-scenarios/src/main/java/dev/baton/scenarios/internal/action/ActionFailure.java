package dev.baton.scenarios.internal.action;

/** An action that failed; the scenario stops here and its run fails with this message. */
public final class ActionFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public ActionFailure(String message) {
    super(message);
  }
}
