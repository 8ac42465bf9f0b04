package dev.baton.store.jdbc;

import dev.baton.job.Wait;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link Wait} as JSON, told apart by an explicit {@code kind}. */
final class WaitJson {
  private WaitJson() {}

  static Map<String, Object> toMap(Wait wait) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (wait) {
      case Wait.OnTask t -> {
        m.put("kind", "task");
        m.put("task_id", t.taskId());
        m.put("spec", TaskSpecJson.toMap(t.spec()));
        m.put("attempt", t.attempt());
      }
      case Wait.OnBranches b -> {
        m.put("kind", "branches");
        m.put("aggregate_into", b.aggregateInto());
        Map<String, Object> pending = new LinkedHashMap<>();
        b.pending().forEach((taskId, branch) -> pending.put(taskId, branchToMap(branch)));
        m.put("pending", pending);
        m.put("results", b.results());
      }
      case Wait.OnHuman h -> {
        m.put("kind", "human");
        m.put("message", h.message());
      }
      case Wait.OnSubJob s -> {
        m.put("kind", "sub_job");
        m.put("child_job_id", s.childJobId());
      }
    }
    m.put("transitions", wait.transitions());
    return m;
  }

  static Wait fromMap(Map<String, ?> m) {
    String kind = Json.string(m, "kind");
    Map<String, String> transitions = Json.stringMap(m, "transitions");
    return switch (kind) {
      case "task" ->
          new Wait.OnTask(
              Json.string(m, "task_id"),
              TaskSpecJson.fromMap(Json.map(m, "spec")),
              Json.integer(m, "attempt"),
              transitions);
      case "branches" -> {
        Map<String, Wait.Branch> pending = new LinkedHashMap<>();
        Json.map(m, "pending")
            .forEach((taskId, branch) -> pending.put(taskId, branchFromMap(asMap(branch))));
        yield new Wait.OnBranches(
            Json.string(m, "aggregate_into"), pending, Json.map(m, "results"));
      }
      case "human" -> new Wait.OnHuman(Json.string(m, "message"), transitions);
      case "sub_job" -> new Wait.OnSubJob(Json.string(m, "child_job_id"), transitions);
      default -> throw new IllegalStateException("unknown wait kind '" + kind + "'");
    };
  }

  private static Map<String, Object> branchToMap(Wait.Branch b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", b.key());
    m.put("spec", TaskSpecJson.toMap(b.spec()));
    m.put("attempt", b.attempt());
    return m;
  }

  private static Wait.Branch branchFromMap(Map<String, ?> m) {
    return new Wait.Branch(
        Json.string(m, "key"),
        TaskSpecJson.fromMap(Json.map(m, "spec")),
        Json.integer(m, "attempt"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o) {
    return (Map<String, Object>) o;
  }
}
