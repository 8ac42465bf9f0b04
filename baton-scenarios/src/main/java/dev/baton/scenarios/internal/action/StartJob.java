package dev.baton.scenarios.internal.action;

import dev.baton.declarative.Durations;
import dev.baton.engine.BatonException;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.scenarios.internal.Templates;
import java.time.Duration;
import java.util.Map;

/**
 * {@code start_job}: creates a job of {@code blueprint} with the templated {@code data}; with
 * {@code wait}, waits up to {@code timeout} (default 5 min) for it to finish.
 */
record StartJob(String blueprint, Object data, boolean await, Duration timeout)
    implements ScenarioAction {

  static ScenarioAction read(Map<?, ?> a) throws ActionFailure {
    if (!(a.get("blueprint") instanceof String blueprint) || blueprint.isBlank()) {
      throw new ActionFailure("start_job: blueprint is required");
    }
    boolean await = Boolean.TRUE.equals(a.get("wait"));
    Duration timeout =
        await
            ? Durations.parse(a.get("timeout"), Duration.ofMinutes(5), "start_job.timeout")
            : Duration.ofMinutes(5);
    return new StartJob(
        blueprint, a.get("data") == null ? Map.of() : a.get("data"), await, timeout);
  }

  @Override
  public String type() {
    return "start_job";
  }

  @Override
  public Map<String, Object> run(ActionRun run) throws ActionFailure {
    Object rendered = Templates.render(data, run.vars());
    if (!(rendered instanceof Map<?, ?>)) {
      throw new ActionFailure("start_job: data must be an object");
    }
    Job job;
    try {
      job =
          run.with()
              .engine()
              .createJob(NewJob.of(blueprint, SendCustomCommand.withoutNulls(rendered)));
    } catch (BatonException e) {
      throw new ActionFailure("start_job: " + e.getMessage());
    }
    if (!await) {
      return Map.of("job_id", job.id(), "status", job.status().wireName());
    }
    Job done = run.with().awaitJob(job.id(), timeout, "start_job");
    return Map.of("job_id", done.id(), "status", done.status().wireName(), "data", done.data());
  }
}
