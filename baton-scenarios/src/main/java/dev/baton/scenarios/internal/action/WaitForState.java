package dev.baton.scenarios.internal.action;

import dev.baton.declarative.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code wait_for_state}: waits until every target (narrowed by {@code state_in} and {@code
 * state_not_in} as they are at the start) is in one of the target states, polling every {@code
 * wait_poll_interval_ms}. On timeout its {@code on_failure} actions run, best effort, and the
 * action fails with who was not there.
 */
record WaitForState(
    List<String> states,
    Duration timeout,
    Targets targets,
    List<String> stateIn,
    List<String> stateNotIn,
    @Nullable List<ScenarioAction> onFailure)
    implements ScenarioAction {

  static ScenarioAction read(Map<?, ?> a) throws ActionFailure {
    Object wanted = a.get("target_states") != null ? a.get("target_states") : a.get("target_state");
    List<String> states = Targets.names(wanted);
    if (states.isEmpty()) {
      throw new ActionFailure("wait_for_state: target_state or target_states is required");
    }
    return new WaitForState(
        states,
        Durations.parse(a.get("timeout"), Duration.ofSeconds(30), "wait_for_state.timeout"),
        Targets.read(a),
        Targets.names(a.get("state_in")),
        Targets.names(a.get("state_not_in")),
        a.get("on_failure") instanceof List<?> l ? Actions.parseAll(l, null) : null);
  }

  @Override
  public String type() {
    return "wait_for_state";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    Facilities with = run.with();
    List<String> names = new ArrayList<>(targets.resolve(with.components(), run.vars(), true));
    if (!stateIn.isEmpty() || !stateNotIn.isEmpty()) {
      names.removeIf(t -> {
        String now = with.stateOf(t);
        return (!stateIn.isEmpty() && !stateIn.contains(now)) || stateNotIn.contains(now);
      });
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, String> now = new TreeMap<>();
      names.forEach(t -> now.put(t, with.stateOf(t)));
      if (now.values().stream().allMatch(states::contains)) {
        return Map.of("target_states", states, "states", now);
      }
      if (System.nanoTime() >= deadline) {
        List<Map<String, Object>> recovery = recover(run);
        Map<String, String> late = new TreeMap<>(now);
        late.values().removeIf(states::contains);
        throw new ActionFailure(
            "wait_for_state: timed out after "
                + timeout.toMillis() / 1000.0
                + " s waiting for "
                + states
                + "; not there: "
                + late
                + (recovery.isEmpty() ? "" : "; on_failure ran " + recovery.size() + " action(s)"));
      }
      try {
        Thread.sleep(
            Math.min(
                with.config().waitPollInterval().toMillis(),
                Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ActionFailure("wait_for_state: interrupted");
      }
    }
  }

  /** Runs on_failure; it is best effort: the scenario fails anyway, with the wait's timeout. */
  private List<Map<String, Object>> recover(ActionRun run) {
    List<Map<String, Object>> done = new ArrayList<>();
    if (onFailure == null) {
      return done;
    }
    for (ScenarioAction step : onFailure) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("type", step.type());
      try {
        record.put("result", run.nested(step));
        record.put("status", "success");
      } catch (ActionFailure e) {
        record.put("status", "failure");
        record.put("error", String.valueOf(e.getMessage()));
      }
      done.add(record);
    }
    run.context().put("on_failure_results", done);
    return done;
  }
}
