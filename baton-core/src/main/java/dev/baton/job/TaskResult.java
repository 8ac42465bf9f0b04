package dev.baton.job;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a worker reports for a task. {@code status} picks the next state through the dispatching
 * state's transitions; {@code data} is merged into the job's data ({@code state_history}); {@code
 * error} goes with status {@code failure}.
 */
public record TaskResult(String status, Map<String, Object> data, @Nullable TaskError error) {
  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String CANCELLED = "cancelled";

  public TaskResult {
    data = Maps.copy(data);
  }

  public static TaskResult success(Map<String, Object> data) {
    return new TaskResult(SUCCESS, data, null);
  }

  public static TaskResult failure(TaskError error) {
    return new TaskResult(FAILURE, Map.of(), error);
  }

  public boolean isFailure() {
    return FAILURE.equals(status);
  }
}
