package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.Task;
import dev.baton.worker.sdk.TaskResult;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON bodies of the Avtomatika 1.0b7 worker protocol, both directions. */
public final class WireFormat {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {};

  /** {@code cancel_task} from the orchestrator; the job id is informational. */
  public record CancelCommand(String taskId, @Nullable String jobId) {}

  private WireFormat() {}

  /** The worker description; {@code load} matters on a re-registration while tasks run. */
  public static String registration(WorkerConfig config, int load) {
    return registration(config, load, null);
  }

  /**
   * The worker description with {@code running_tasks}, the ids of the tasks it runs (Baton's
   * extension: the orchestrator gives back a lease this worker does not name; Avtomatika ignores
   * the field).
   */
  public static String registration(
      WorkerConfig config, int load, @Nullable Collection<String> running) {
    // Extras go first so the fields the protocol depends on cannot be overwritten by accident.
    Map<String, @Nullable Object> body = new LinkedHashMap<>(config.description());
    body.put("worker_id", config.workerId());
    body.put("supported_tasks", new TreeSet<>(config.handlers().keySet()));
    body.put("status", load >= config.concurrency() ? "busy" : "idle");
    body.put("load", load);
    body.put("capabilities", Map.of("websockets", config.websocket()));
    if (running != null) {
      body.put("running_tasks", new TreeSet<>(running));
    }
    return JSON.writeValueAsString(body);
  }

  public static String heartbeat(int load, boolean busy) {
    return JSON.writeValueAsString(Map.of("load", load, "status", busy ? "busy" : "idle"));
  }

  /**
   * A heartbeat with {@code running_tasks} (see {@link #registration(WorkerConfig, int,
   * Collection)}).
   */
  public static String heartbeat(Collection<String> running, boolean busy) {
    return JSON.writeValueAsString(
        Map.of(
            "load",
            running.size(),
            "status",
            busy ? "busy" : "idle",
            "running_tasks",
            new TreeSet<>(running)));
  }

  /** Decodes a {@code tasks/next} answer; throws IllegalArgumentException if ids are missing. */
  public static Task task(String body) {
    JsonNode node = read(body);
    return new Task(
        required(node, "job_id"),
        required(node, "task_id"),
        required(node, "type"),
        object(node.path("params")),
        object(node.path("tracing_context")));
  }

  public static String result(String workerId, Task task, TaskResult result) {
    return result(workerId, task, result, null);
  }

  /**
   * A result; with {@code traceparent}, also {@code tracing_context}, so that the orchestrator
   * takes it as a child of the handler's span.
   */
  public static String result(
      String workerId, Task task, TaskResult result, @Nullable String traceparent) {
    Map<String, @Nullable Object> outcome = new LinkedHashMap<>();
    outcome.put("status", result.status());
    outcome.put("data", result.data());
    if (result.errorCode() != null) {
      outcome.put(
          "error", Map.of("code", result.errorCode().name(), "message", result.errorMessage()));
    }
    Map<String, @Nullable Object> body = new LinkedHashMap<>();
    body.put("job_id", task.jobId());
    body.put("task_id", task.taskId());
    body.put("worker_id", workerId);
    body.put("result", outcome);
    if (traceparent != null) {
      body.put("tracing_context", Map.of("traceparent", traceparent));
    }
    return JSON.writeValueAsString(body);
  }

  public static String progress(Task task, double fraction, String message) {
    Map<String, @Nullable Object> body = new LinkedHashMap<>();
    body.put("event", "progress_update");
    body.put("job_id", task.jobId());
    body.put("task_id", task.taskId());
    body.put("progress", Double.isNaN(fraction) ? 0.0 : Math.clamp(fraction, 0.0, 1.0));
    body.put("message", message);
    return JSON.writeValueAsString(body);
  }

  /** A {@code cancel_task} command, or empty for anything else (unknown commands, bad JSON). */
  public static Optional<CancelCommand> command(String text) {
    JsonNode node;
    try {
      node = read(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    JsonNode taskId = node.path("task_id");
    if (!"cancel_task".equals(node.path("command").asString("")) || !taskId.isString()) {
      return Optional.empty();
    }
    JsonNode jobId = node.path("job_id");
    return Optional.of(
        new CancelCommand(taskId.stringValue(), jobId.isString() ? jobId.stringValue() : null));
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isString() || value.stringValue().isEmpty()) {
      throw new IllegalArgumentException("missing field: " + field);
    }
    return value.stringValue();
  }

  private static Map<String, @Nullable Object> object(JsonNode node) {
    return node.isObject() ? JSON.convertValue(node, MAP) : Map.of();
  }
}
