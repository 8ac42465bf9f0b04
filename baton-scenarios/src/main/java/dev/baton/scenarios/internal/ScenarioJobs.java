package dev.baton.scenarios.internal;

import dev.baton.blueprint.Action;
import dev.baton.blueprint.Blueprint;
import dev.baton.declarative.Durations;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.RetryPolicy;
import dev.baton.job.TaskSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario run is a job of the {@code scenario} blueprint. Its one state, {@code step}, hands the
 * next action to a worker as a {@value #TASK} task; the result moves the job back to {@code step}
 * with the action's outcome, the updated context and the next index merged into its data, or ends
 * it in {@code failed} ({@value #ACTION_FAILED}). So each action is a stored task, the run's
 * history is the job's data, and a run interrupted by a restart continues from the action it was
 * on.
 *
 * <p>Job initial data: {@code scenario}, {@code trigger}, {@code actions}, {@code context}. Job
 * data: {@code next}, {@code context}, {@code results} (one entry per action done), and on failure
 * {@code error} and {@code failed_action}.
 */
public final class ScenarioJobs {
  public static final String BLUEPRINT = "scenario";
  public static final String TASK = "scenario_action";
  public static final String ACTION_FAILED = "action_failed";

  /**
   * An action's task is retried once if its attempt is lost (the worker's process died, or its
   * deadline passed); a failing action is not retried: it fails the scenario, as upstream.
   */
  static final RetryPolicy LOST_ATTEMPT =
      new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.0, 0);

  private ScenarioJobs() {}

  /** The scenario runs in the store, newest first (at most {@link JobQuery#MAX_LIMIT}). */
  public static List<Job> runs(Engine engine) {
    return engine.jobs(new JobQuery(null, BLUEPRINT, JobQuery.MAX_LIMIT, 0)).items();
  }

  /** A run's job: the scenario's actions as written, its trigger and its starting context. */
  public static NewJob newRun(
      String scenario,
      List<Map<String, Object>> actions,
      Map<String, Object> trigger,
      Map<String, Object> context) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("scenario", scenario);
    input.put("trigger", trigger);
    input.put("actions", actions);
    input.put("context", context);
    return NewJob.of(BLUEPRINT, input);
  }

  public static Blueprint blueprint() {
    return Blueprint.builder(BLUEPRINT)
        .description("A scenario run: its actions one after another (baton-scenarios)")
        .start("step")
        .state(
            "step",
            "scenario",
            Set.of("step", "finished", "failed"),
            ctx -> {
              int next = ctx.data().get("next") instanceof Number n ? n.intValue() : 0;
              List<?> actions =
                  ctx.initialData().get("actions") instanceof List<?> l ? l : List.of();
              if (next >= actions.size()) {
                return Action.goTo("finished");
              }
              Object action = actions.get(next);
              Map<String, Object> params = new LinkedHashMap<>();
              params.put("scenario", ctx.initialData().get("scenario"));
              params.put("index", next);
              params.put("action", action);
              Object context = ctx.data().get("context");
              params.put(
                  "context",
                  context != null ? context : ctx.initialData().getOrDefault("context", Map.of()));
              params.put("results", ctx.data().getOrDefault("results", List.of()));
              TaskSpec task =
                  TaskSpec.of(TASK, params).withTimeout(deadline(action)).withRetry(LOST_ATTEMPT);
              return Action.dispatch(task, Map.of("success", "step", ACTION_FAILED, "failed"));
            })
        .build();
  }

  /** The task's deadline: the action's own timeout (waits can be long) plus a margin. */
  static Duration deadline(Object action) {
    Duration own = Duration.ofMinutes(10);
    if (action instanceof Map<?, ?> m && m.get("timeout") != null) {
      try {
        own = Durations.parse(m.get("timeout"), own, "timeout").multipliedBy(2);
      } catch (IllegalArgumentException e) {
        // The action itself reports the bad timeout when it runs.
      }
    }
    return own.plus(Duration.ofMinutes(1));
  }
}
