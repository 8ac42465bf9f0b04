package dev.baton.loop;

import java.util.Map;

/**
 * Something a rule may choose to do: quarantine stuck jobs, alert, pause a schedule... Runs on the
 * loop's thread, one action at a time, in priority order.
 *
 * <p>Returns what it did (JSON-like values), which the ledger records as the outcome. Throwing
 * records the action as failed with the exception's message (a {@code orchestrator.action_failed}
 * entry of severity error, which lowers the next health score) and the cycle goes on with the next
 * action.
 */
public interface LoopAction {
  /** The name rules use in {@code action:}. */
  String name();

  Map<String, ?> run(ActionRequest request);

  static LoopAction of(
      String name, java.util.function.Function<ActionRequest, Map<String, ?>> run) {
    return new LoopAction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Map<String, ?> run(ActionRequest request) {
        return run.apply(request);
      }
    };
  }
}
