package dev.baton.server.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.State;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.JobTransition;
import dev.baton.job.Task;
import dev.baton.job.Wait;
import dev.baton.worker.Worker;
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

  public static Map<String, @Nullable Object> job(Job j, @Nullable Progress progress) {
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
    return m;
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
    Object tracing = job == null ? null : job.attributes().get("tracing_context");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_id", t.jobId());
    m.put("task_id", t.id());
    m.put("type", t.type());
    m.put("params", t.spec().params());
    m.put("tracing_context", tracing instanceof Map<?, ?> ? tracing : Map.of());
    return m;
  }

  public static Map<String, @Nullable Object> blueprint(Blueprint b) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("name", b.name());
    m.put("version", b.version());
    m.put("api_version", b.apiVersion());
    m.put("api_endpoint", b.apiEndpoint());
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
    return m;
  }

  static @Nullable String iso(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }
}
