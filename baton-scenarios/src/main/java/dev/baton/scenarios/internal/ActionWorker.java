package dev.baton.scenarios.internal;

import dev.baton.duty.Duty;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.log.LogContext;
import dev.baton.scenarios.internal.action.ActionFailure;
import dev.baton.scenarios.internal.action.ActionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process worker that runs scenario actions. It registers and long-polls the engine like any
 * worker (so leases, deadlines and retries apply), runs each action on its own virtual thread, and
 * reports the result. Its id is new in every process: after a restart the old leases run out and
 * the engine hands the interrupted actions to this one.
 */
public final class ActionWorker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ActionWorker.class);

  private final Engine engine;
  private final ActionRunner runner;
  private final Consumer<String> afterTask;
  private final ScenarioMeters meters;
  private final String id = "baton-scenarios-" + UUID.randomUUID().toString().substring(0, 8);
  private final ExecutorService actions = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean running;
  private @Nullable Duty poller;

  /**
   * @param afterTask called with the job id after each result, so the runner sees a run end at once
   */
  public ActionWorker(
      Engine engine, ActionRunner runner, Consumer<String> afterTask, ScenarioMeters meters) {
    this.engine = engine;
    this.runner = runner;
    this.afterTask = afterTask;
    this.meters = meters;
  }

  public String id() {
    return id;
  }

  public synchronized ActionWorker start() {
    if (!running) {
      running = true;
      engine.registerWorker(
          Map.of(
              "worker_id",
              id,
              "supported_tasks",
              List.of(ScenarioJobs.TASK),
              "max_concurrent_tasks",
              1000));
      // A store hiccup must not stop scenarios: the duty logs it and polls again in a second.
      poller = Duty.virtual("baton-scenario-actions", Duration.ofSeconds(1), this::pollOnce);
    }
    return this;
  }

  /** One long poll (up to a second); the next starts at once. */
  private Duration pollOnce() throws InterruptedException {
    for (Task t : engine.poll(id, 32, Duration.ofSeconds(1))) {
      actions.execute(() -> execute(t));
    }
    return Duration.ZERO;
  }

  /** Runs one action with its task, job and this worker's id in the log fields. */
  private void execute(Task task) {
    try (LogContext fields = LogContext.task(task)) {
      runAction(task);
    }
  }

  @SuppressWarnings("unchecked")
  private void runAction(Task task) {
    Map<String, Object> p = task.spec().params();
    int index = p.get("index") instanceof Number n ? n.intValue() : 0;
    Map<String, Object> action =
        p.get("action") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Map<String, Object> context =
        new LinkedHashMap<>(
            p.get("context") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    String scenario = String.valueOf(p.get("scenario"));
    List<Object> results = new ArrayList<>(p.get("results") instanceof List<?> l ? l : List.of());
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("index", index);
    record.put("type", String.valueOf(action.get("type")));
    if (action.get("description") != null) {
      record.put("description", action.get("description"));
    }
    record.put("started_at", Instant.now().toString());
    TaskResult result;
    try {
      Map<String, Object> out = runner.run(action, context, scenario, task.jobId());
      record.put("status", Boolean.TRUE.equals(out.get("skipped")) ? "skipped" : "success");
      record.put("result", out);
      record.put("ended_at", Instant.now().toString());
      results.add(record);
      result =
          TaskResult.success(Map.of("next", index + 1, "context", context, "results", results));
    } catch (ActionFailure | RuntimeException e) {
      String message =
          e instanceof ActionFailure ? String.valueOf(e.getMessage()) : "internal error: " + e;
      if (!(e instanceof ActionFailure)) {
        log.error("scenario '{}' action {} crashed", scenario, index, e);
      }
      log.warn(
          "scenario '{}' failed at action {} ({}): {}",
          scenario,
          index,
          action.get("type"),
          message);
      record.put("status", "failure");
      record.put("error", message);
      record.put("ended_at", Instant.now().toString());
      results.add(record);
      result =
          new TaskResult(
              ScenarioJobs.ACTION_FAILED,
              Map.of(
                  "context", context, "results", results, "error", message, "failed_action", index),
              null);
    }
    if (!running) {
      // Closing interrupted the action: its outcome says nothing about the scenario. Unreported,
      // the task's lease runs out and the next process runs the action again.
      log.info("scenario '{}' action {} left for the next start", scenario, index);
      return;
    }
    meters.action(String.valueOf(record.get("type")), String.valueOf(record.get("status")));
    try {
      engine.complete(task.id(), id, result);
    } catch (BatonException e) {
      // The run was cancelled, or the lease was lost and the task handed on: nothing to report.
      log.info("scenario action result refused: {}", e.getMessage());
    }
    afterTask.accept(task.jobId());
  }

  @Override
  public void close() {
    running = false;
    Duty p = poller;
    if (p != null) {
      p.close();
    }
    actions.shutdownNow();
  }
}
