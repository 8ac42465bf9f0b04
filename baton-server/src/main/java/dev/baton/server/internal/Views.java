package dev.baton.server.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.State;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobClient;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Task;
import dev.baton.job.TaskSpec;
import dev.baton.job.Wait;
import dev.baton.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How the domain looks on the wire: snake_case keys, status wire names, ISO-8601 instants. The only
 * place that decides the native JSON shapes (the OpenAPI document describes the same).
 */
public final class Views {
  private Views() {}

  /**
   * A job: the native fields, then Avtomatika 1.0b7's field names for what the native fields do not
   * already say (its "raw job state"), so that one object serves both kinds of client. Where the
   * two overlap ({@code id, status, initial_data, state_history, retry_count, error_message,
   * parent_job_id, aggregation_results}) they are the same field.
   *
   * @param task the task the job waits on ({@code waiting_for.task_id}), for {@code task_worker_id}
   *     and {@code task_dispatched_at}; null when unknown
   */
  public static Map<String, @Nullable Object> job(
      Job j, @Nullable Progress progress, @Nullable Task task) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", j.id());
    m.put("blueprint", j.blueprint());
    m.put("blueprint_version", j.blueprintVersion());
    m.put("state", j.state());
    m.put("status", j.status().wireName());
    m.put("initial_data", j.initialData());
    m.put("state_history", j.data());
    m.put("priority", j.priority());
    m.put("retry_count", j.retryCount());
    m.put("created_at", iso(j.createdAt()));
    m.put("updated_at", iso(j.updatedAt()));
    m.put("parent_job_id", j.parentJobId());
    m.put("error_message", j.errorMessage());
    m.put("failed_state", j.failedState());
    m.put("waiting_for", waitingFor(j.awaiting()));
    m.put("aggregation_results", j.aggregationResults());
    m.put("progress", progress == null ? null : progress(progress));
    avtomatika(m, j, task);
    return m;
  }

  /**
   * Avtomatika's names: {@code blueprint_name}, {@code current_state}, {@code current_task_*}...
   */
  private static void avtomatika(Map<String, @Nullable Object> m, Job j, @Nullable Task task) {
    JobAttributes attributes = j.attributes();
    m.put("blueprint_name", j.blueprint());
    m.put("current_state", j.state());
    m.put("tracing_context", attributes.tracingContext());
    JobClient client = attributes.client();
    m.put("client_config", client == null ? null : client.toMap());
    m.put("webhook_url", attributes.webhookUrl());
    Map<String, @Nullable Object> taskInfo = null;
    Map<String, String> transitions = null;
    String taskId = null;
    String aggregationTarget = null;
    List<String> activeBranches = null;
    String childJobId = null;
    // Avtomatika keeps these fields after the wait ends (until the next wait overwrites them).
    switch (j.awaiting() != null ? j.awaiting() : j.lastWait()) {
      case Wait.OnTask t -> {
        taskInfo = taskInfo(t.spec(), t.transitions());
        transitions = t.transitions();
        taskId = t.taskId();
      }
      case Wait.OnHuman h -> transitions = h.transitions();
      case Wait.OnBranches b -> {
        aggregationTarget = b.aggregateInto();
        activeBranches = List.copyOf(b.pending().keySet());
      }
      case Wait.OnSubJob s -> {
        transitions = s.transitions();
        childJobId = s.childJobId();
      }
      case null -> {}
    }
    Task current = task != null && task.id().equals(taskId) ? task : null;
    m.put("current_task_info", taskInfo);
    m.put("current_task_transitions", transitions);
    m.put("current_task_id", taskId);
    m.put("task_worker_id", current == null ? null : current.workerId());
    m.put("task_dispatched_at", current == null ? null : epochSeconds(current.createdAt()));
    m.put("aggregation_target", aggregationTarget);
    m.put("active_branches", activeBranches);
    m.put("child_job_id", childJobId);
  }

  /** Avtomatika's {@code current_task_info}: the arguments of the dispatch. */
  private static Map<String, @Nullable Object> taskInfo(
      TaskSpec spec, Map<String, String> transitions) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("type", spec.type());
    m.put("params", spec.params());
    m.put("transitions", transitions);
    m.put("dispatch_strategy", spec.strategy());
    // Avtomatika stores the argument as given: null when the dispatch named no requirements.
    m.put("resource_requirements", spec.requirements().isEmpty() ? null : spec.requirements());
    Duration timeout = spec.timeout();
    m.put("timeout_seconds", timeout == null ? null : timeout.toMillis() / 1000.0);
    m.put("max_cost", spec.maxCost());
    m.put("priority", spec.priority());
    return m;
  }

  private static double epochSeconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }

  static @Nullable Map<String, @Nullable Object> waitingFor(@Nullable Wait wait) {
    if (wait == null) {
      return null;
    }
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    switch (wait) {
      case Wait.OnTask t -> {
        m.put("kind", "task");
        m.put("task_id", t.taskId());
        m.put("task_type", t.spec().type());
        m.put("attempt", t.attempt());
        m.put("transitions", t.transitions());
      }
      case Wait.OnBranches b -> {
        m.put("kind", "branches");
        m.put("aggregate_into", b.aggregateInto());
        List<Map<String, Object>> pending = new ArrayList<>();
        b.pending()
            .forEach((taskId, branch) ->
                pending.add(
                    Map.of(
                        "task_id", taskId,
                        "branch", branch.key(),
                        "task_type", branch.spec().type(),
                        "attempt", branch.attempt())));
        m.put("pending", pending);
        m.put("results", b.results());
      }
      case Wait.OnHuman h -> {
        m.put("kind", "human");
        m.put("message", h.message());
        m.put("transitions", h.transitions());
      }
      case Wait.OnSubJob s -> {
        m.put("kind", "sub_job");
        m.put("child_job_id", s.childJobId());
        m.put("transitions", s.transitions());
      }
    }
    return m;
  }

  static Map<String, @Nullable Object> progress(Progress p) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("task_id", p.taskId());
    m.put("progress", p.progress());
    m.put("message", p.message());
    m.put("updated_at", iso(p.at()));
    return m;
  }

  public static Map<String, @Nullable Object> transition(JobTransition t) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("at", iso(t.at()));
    m.put("from_state", t.fromState());
    m.put("to_state", t.toState());
    m.put("from_status", t.fromStatus() == null ? null : t.fromStatus().wireName());
    m.put("to_status", t.toStatus().wireName());
    m.put("reason", t.reason());
    return m;
  }

  public static Map<String, @Nullable Object> task(Task t) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    m.put("job_id", t.jobId());
    m.put("type", t.type());
    m.put("params", t.spec().params());
    m.put("priority", t.spec().priority());
    m.put("attempt", t.attempt());
    m.put("status", t.status().wireName());
    m.put("worker_id", t.workerId());
    m.put("lease_until", iso(t.leaseUntil()));
    m.put("visible_at", iso(t.visibleAt()));
    m.put("deadline", iso(t.deadline()));
    m.put("created_at", iso(t.createdAt()));
    return m;
  }

  /** What a worker receives from {@code GET /_worker/workers/{id}/tasks/next} (Avtomatika). */
  public static Map<String, Object> taskForWorker(Task t, @Nullable Job job) {
    return taskForWorker(t, job, null);
  }

  /**
   * Like {@link #taskForWorker(Task, Job)}, with the trace context of the hand-out ({@code
   * traceparent}, when traced) in place of the job's, so that the worker's work is its child.
   */
  public static Map<String, Object> taskForWorker(
      Task t, @Nullable Job job, @Nullable String traceparent) {
    Map<String, Object> context =
        new LinkedHashMap<>(job == null ? Map.of() : job.attributes().tracingContext());
    if (traceparent != null) {
      context.put("traceparent", traceparent);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_id", t.jobId());
    m.put("task_id", t.id());
    m.put("type", t.type());
    m.put("params", t.spec().params());
    m.put("tracing_context", context);
    return m;
  }

  /**
   * A blueprint: its states, and where clients create its jobs ({@code api_route}) with the reason
   * that route cannot be reached, if any ({@code api_route_conflict}).
   *
   * @param all every registered blueprint, to tell whether another one claims the same create route
   */
  public static Map<String, @Nullable Object> blueprint(Blueprint b, List<Blueprint> all) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("name", b.name());
    m.put("version", b.version());
    m.put("api_version", b.apiVersion());
    m.put("api_endpoint", b.apiEndpoint());
    m.put("api_route", BlueprintEndpoints.createPath(b));
    m.put("api_route_conflict", BlueprintEndpoints.problem(b, all));
    m.put("description", b.description());
    m.put("start", b.start());
    List<Map<String, @Nullable Object>> states = new ArrayList<>();
    for (State s : b.states().values()) {
      Map<String, @Nullable Object> sm = new LinkedHashMap<>();
      sm.put("name", s.name());
      sm.put("kind", s.kind());
      sm.put("targets", List.copyOf(new TreeSet<>(s.targets())));
      JobStatus end = s.endStatus();
      sm.put("end_status", end == null ? null : end.wireName());
      states.add(sm);
    }
    m.put("states", states);
    return m;
  }

  public static Map<String, @Nullable Object> worker(Worker w, Instant now) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("worker_id", w.id());
    m.put("supported_tasks", List.copyOf(new TreeSet<>(w.taskTypes())));
    m.put("status", w.status());
    m.put("alive", w.isAlive(now));
    m.put("registered_at", iso(w.registeredAt()));
    m.put("last_seen", iso(w.lastSeen()));
    m.put("expires_at", iso(w.expiresAt()));
    m.put("info", w.info());
    // Avtomatika's GET /workers answers the stored descriptions: their fields sit at the top too.
    w.info().forEach(m::putIfAbsent);
    return m;
  }

  static @Nullable String iso(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }
}
