package dev.baton.robot;

import dev.baton.job.Maps;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One line a robot logged for a job ({@code log_entry}, or one entry of a {@code log_batch}). */
public record JobLog(
    String jobId,
    String robotId,
    Instant at,
    String level,
    String message,
    @Nullable String nodeId,
    Map<String, Object> extra) {
  public JobLog {
    extra = Maps.copy(extra);
  }
}
