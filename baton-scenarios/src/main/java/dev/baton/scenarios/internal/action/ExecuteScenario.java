package dev.baton.scenarios.internal.action;

import dev.baton.declarative.Durations;
import dev.baton.job.Job;
import dev.baton.scenarios.internal.Templates;
import java.time.Duration;
import java.util.Map;

/**
 * {@code execute_scenario}: runs the templated {@code scenario} (or {@code scenario_name}) within
 * its limits and, unless {@code wait} is false, waits up to {@code timeout} (default 10 min) for it
 * to finish.
 */
record ExecuteScenario(String scenario, boolean await, Duration timeout) implements ScenarioAction {

  static ScenarioAction read(Map<?, ?> a) throws ActionFailure {
    Object name = a.get("scenario") != null ? a.get("scenario") : a.get("scenario_name");
    if (name == null) {
      throw new ActionFailure("execute_scenario: scenario is required");
    }
    boolean await = !Boolean.FALSE.equals(a.get("wait"));
    Duration timeout =
        await
            ? Durations.parse(a.get("timeout"), Duration.ofMinutes(10), "execute_scenario.timeout")
            : Duration.ofMinutes(10);
    return new ExecuteScenario(String.valueOf(name), await, timeout);
  }

  @Override
  public String type() {
    return "execute_scenario";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    String child = Templates.text(scenario, run.vars());
    String jobId =
        run.with()
            .starter()
            .start(
                child,
                Map.of(
                    "source",
                    "scenario",
                    "event_type",
                    "execute_scenario",
                    "parent",
                    run.scenario()));
    if (!await) {
      return Map.of("scenario", child, "job_id", jobId);
    }
    Job done = run.with().awaitJob(jobId, timeout, "execute_scenario '" + child + "'");
    return Map.of("scenario", child, "job_id", jobId, "status", done.status().wireName());
  }
}
