package dev.baton.fleet;

import dev.baton.job.Maps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A request to run a CasareRPA workflow on the fleet. Stored as the engine job's initial data, so a
 * retry can submit it again.
 *
 * @param robotId the robot the job is pinned to, or null for any
 * @param strategy how to choose among fitting robots, or null for the fleet's default
 * @param tags every one must be among the robot's tags
 * @param capabilities every one must be a capability the robot announced
 * @param taskType the task type a robot must take ({@code rpa} unless the job says otherwise)
 * @param maxRetries retries of a failed run (default 0: a failure fails the job)
 * @param idempotencyKey a repeated submission with the same key returns the first job
 */
public record RobotJob(
    String workflowId,
    @Nullable String workflowName,
    @Nullable String workflowJson,
    Map<String, Object> parameters,
    int priority,
    @Nullable String robotId,
    @Nullable String strategy,
    List<String> tags,
    List<String> capabilities,
    String taskType,
    int timeoutSeconds,
    int maxRetries,
    @Nullable String idempotencyKey) {

  public static final String DEFAULT_TASK_TYPE = "rpa";

  public RobotJob {
    if (workflowId.isBlank()) {
      throw new IllegalArgumentException("workflow_id is required");
    }
    parameters = Maps.copy(parameters);
    tags = List.copyOf(tags);
    capabilities = List.copyOf(capabilities);
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("timeout_seconds must be at least 1");
    }
    if (maxRetries < 0) {
      throw new IllegalArgumentException("max_retries must be 0 or more");
    }
  }

  /** A job of a workflow with the defaults: NORMAL priority, any robot, 3600 s, no retries. */
  public static RobotJob of(String workflowId, Map<String, Object> parameters) {
    return new RobotJob(
        workflowId,
        null,
        null,
        parameters,
        1,
        null,
        null,
        List.of(),
        List.of(),
        DEFAULT_TASK_TYPE,
        3600,
        0,
        null);
  }

  public RobotJob pinnedTo(@Nullable String robot) {
    return with(o -> o.robotId = robot);
  }

  public RobotJob withPriority(int p) {
    return with(o -> o.priority = p);
  }

  public RobotJob withStrategy(@Nullable String s) {
    return with(o -> o.strategy = s);
  }

  public RobotJob withTimeoutSeconds(int t) {
    return with(o -> o.timeoutSeconds = t);
  }

  public RobotJob withIdempotencyKey(@Nullable String k) {
    return with(o -> o.idempotencyKey = k);
  }

  /** The workflow's content (and its name, unless the job names one). */
  public RobotJob withWorkflow(String json, String name) {
    return with(o -> {
      o.workflowJson = json;
      o.workflowName = o.workflowName == null ? name : o.workflowName;
    });
  }

  public RobotJob withTags(List<String> t) {
    return with(o -> o.tags = t);
  }

  /** As stored in the job's initial data. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workflow_id", workflowId);
    m.put("workflow_name", workflowName);
    m.put("workflow_json", workflowJson);
    m.put("parameters", parameters);
    m.put("priority", priority);
    m.put("robot_id", robotId);
    m.put("strategy", strategy);
    m.put("tags", tags);
    m.put("capabilities", capabilities);
    m.put("task_type", taskType);
    m.put("timeout_seconds", timeoutSeconds);
    m.put("max_retries", maxRetries);
    m.put("idempotency_key", idempotencyKey);
    return m;
  }

  /** Reads what {@link #toMap} wrote (numbers may come back as Long). */
  public static RobotJob fromMap(Map<String, Object> m) {
    return new RobotJob(
        String.valueOf(m.get("workflow_id")),
        text(m, "workflow_name"),
        text(m, "workflow_json"),
        m.get("parameters") instanceof Map<?, ?> p ? Maps.copy(stringKeys(p)) : Map.of(),
        number(m, "priority", 1),
        text(m, "robot_id"),
        text(m, "strategy"),
        strings(m.get("tags")),
        strings(m.get("capabilities")),
        m.get("task_type") instanceof String t ? t : DEFAULT_TASK_TYPE,
        number(m, "timeout_seconds", 3600),
        number(m, "max_retries", 0),
        text(m, "idempotency_key"));
  }

  private static @Nullable String text(Map<String, Object> m, String key) {
    return m.get(key) instanceof String s ? s : null;
  }

  private static int number(Map<String, Object> m, String key, int fallback) {
    return m.get(key) instanceof Number n ? n.intValue() : fallback;
  }

  static List<String> strings(@Nullable Object v) {
    return v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
  }

  /** A JSON object's map with its keys as strings. */
  static Map<String, Object> stringKeys(Map<?, ?> raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** A copy with what {@code change} sets; the one place that lists every field. */
  private RobotJob with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new RobotJob(
        d.workflowId,
        d.workflowName,
        d.workflowJson,
        d.parameters,
        d.priority,
        d.robotId,
        d.strategy,
        d.tags,
        d.capabilities,
        d.taskType,
        d.timeoutSeconds,
        d.maxRetries,
        d.idempotencyKey);
  }

  /** The fields of an options value, to change before {@link #with} makes the copy. */
  private static final class Draft {
    String workflowId;
    @Nullable String workflowName;
    @Nullable String workflowJson;
    Map<String, Object> parameters;
    int priority;
    @Nullable String robotId;
    @Nullable String strategy;
    List<String> tags;
    List<String> capabilities;
    String taskType;
    int timeoutSeconds;
    int maxRetries;
    @Nullable String idempotencyKey;

    Draft(RobotJob o) {
      workflowId = o.workflowId;
      workflowName = o.workflowName;
      workflowJson = o.workflowJson;
      parameters = o.parameters;
      priority = o.priority;
      robotId = o.robotId;
      strategy = o.strategy;
      tags = o.tags;
      capabilities = o.capabilities;
      taskType = o.taskType;
      timeoutSeconds = o.timeoutSeconds;
      maxRetries = o.maxRetries;
      idempotencyKey = o.idempotencyKey;
    }
  }
}
