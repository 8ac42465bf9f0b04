package dev.baton.scenarios.internal;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.scenarios.ComponentStatus;
import dev.baton.scenarios.Scenario;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How the API shows scenarios, their runs, and the components' snapshot. */
public final class ScenarioViews {
  private ScenarioViews() {}

  /**
   * What the {@code expression} condition sees as {@code data} (and {@code context}): {@code
   * clients} by name (fsm_state, error, error_message, group, state, reason), {@code
   * components_in_fault} and {@code now}.
   */
  public static Map<String, Object> snapshot(List<ComponentStatus> statuses, Clock clock) {
    Map<String, Object> clients = new LinkedHashMap<>();
    List<String> faulty = new ArrayList<>();
    for (ComponentStatus c : statuses) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fsm_state", c.shownState());
      m.put("error", c.error());
      m.put("error_message", c.errorMessage() == null ? "" : c.errorMessage());
      m.put("group", c.group());
      m.put("reason", c.reason() == null ? "" : c.reason());
      m.put("state", c.state());
      clients.put(c.name(), m);
      if ("FAULT".equals(c.fsmState())) {
        faulty.add(c.name());
      }
    }
    return Map.of(
        "clients", clients, "components_in_fault", faulty, "now", clock.instant().toString());
  }

  /** A scenario with its limits and counters. */
  public static Map<String, Object> status(Scenario s, Tracks.Track t, boolean blocked) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("description", s.description());
    m.put("priority", s.priority());
    m.put("trigger", s.triggerType());
    m.put("source", s.source());
    m.put("file", s.file());
    m.put("cooldown", s.cooldownSeconds());
    m.put("max_executions", s.maxExecutions());
    m.put("max_concurrent_executions", s.maxConcurrentExecutions());
    m.put("executions", t.executions);
    m.put("blocked", blocked);
    m.put("manual_run_requested", t.manualRequested);
    m.put("running", List.copyOf(t.runs));
    m.put("last_end", t.lastEnd == null ? "" : t.lastEnd.toString());
    return m;
  }

  /** A run as the API shows it: the job, its actions and their results, its context. */
  public static Map<String, Object> run(Job j) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job_id", j.id());
    m.put("scenario", j.initialData().getOrDefault("scenario", ""));
    m.put("status", j.status().wireName());
    m.put("trigger", j.initialData().getOrDefault("trigger", Map.of()));
    m.put("created_at", j.createdAt().toString());
    m.put("updated_at", j.updatedAt().toString());
    m.put("actions", j.data().getOrDefault("results", List.of()));
    m.put(
        "context",
        j.data().getOrDefault("context", j.initialData().getOrDefault("context", Map.of())));
    Object error = j.data().get("error") != null ? j.data().get("error") : j.errorMessage();
    m.put("error", error == null ? "" : error);
    return m;
  }

  /** The newest runs of a scenario (or of all when name is null), at most {@code limit}. */
  public static List<Map<String, Object>> runs(Engine engine, @Nullable String name, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Job j : ScenarioJobs.runs(engine)) {
      if (name == null || name.equals(j.initialData().get("scenario"))) {
        out.add(run(j));
        if (out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }

  /** One run by its job id; empty when it is not a scenario run. */
  public static Optional<Map<String, Object>> run(Engine engine, String jobId) {
    return engine
        .job(jobId)
        .filter(j -> j.blueprint().equals(ScenarioJobs.BLUEPRINT))
        .map(ScenarioViews::run);
  }
}
