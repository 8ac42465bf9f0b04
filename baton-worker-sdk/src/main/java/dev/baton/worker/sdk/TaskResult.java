package dev.baton.worker.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome a handler reports. The orchestrator picks the job's next state from {@link #status},
 * merges {@link #data} into the job's state history, and for {@code failure} acts on {@link
 * #errorCode}.
 *
 * @param status {@code success}, {@code failure}, {@code cancelled}, or any status the blueprint
 *     has a transition for (an unknown one fails the job)
 * @param data result data as JSON-serializable values (null values allowed)
 * @param errorCode set only for {@code failure}
 * @param errorMessage set only for {@code failure}
 */
public record TaskResult(
    String status,
    Map<String, @Nullable Object> data,
    @Nullable ErrorCode errorCode,
    @Nullable String errorMessage) {

  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String CANCELLED = "cancelled";

  public TaskResult {
    Objects.requireNonNull(status, "status");
    data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    if ((errorCode == null) != (errorMessage == null)) {
      throw new IllegalArgumentException("errorCode and errorMessage go together");
    }
  }

  public static TaskResult success(Map<String, ? extends @Nullable Object> data) {
    return status(SUCCESS, data);
  }

  public static TaskResult success() {
    return status(SUCCESS, Map.of());
  }

  /** A result with a custom status, for blueprints whose transitions name more than success. */
  public static TaskResult status(String status, Map<String, ? extends @Nullable Object> data) {
    return new TaskResult(
        status, Collections.unmodifiableMap(new LinkedHashMap<>(data)), null, null);
  }

  public static TaskResult cancelled() {
    return status(CANCELLED, Map.of());
  }

  public static TaskResult transientError(String message) {
    return failure(ErrorCode.TRANSIENT_ERROR, message);
  }

  public static TaskResult permanentError(String message) {
    return failure(ErrorCode.PERMANENT_ERROR, message);
  }

  public static TaskResult invalidInput(String message) {
    return failure(ErrorCode.INVALID_INPUT_ERROR, message);
  }

  public static TaskResult failure(ErrorCode code, String message) {
    return new TaskResult(FAILURE, Map.of(), code, message);
  }
}
