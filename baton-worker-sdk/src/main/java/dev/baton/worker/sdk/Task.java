package dev.baton.worker.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One task handed to this worker by {@code GET /_worker/workers/{id}/tasks/next}.
 *
 * @param jobId the job the task belongs to
 * @param taskId the id the result must name; a re-dispatch of the same work gets a new id
 * @param type the task type, which selects the {@link TaskHandler}
 * @param params the task parameters as decoded JSON (maps, lists, strings, numbers, booleans)
 * @param tracingContext the orchestrator's tracing context, empty when it sent none
 */
public record Task(
    String jobId,
    String taskId,
    String type,
    Map<String, @Nullable Object> params,
    Map<String, @Nullable Object> tracingContext) {

  public Task {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    tracingContext = Collections.unmodifiableMap(new LinkedHashMap<>(tracingContext));
  }
}
