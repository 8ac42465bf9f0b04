package dev.baton.engine;

import dev.baton.job.JobAttributes;
import dev.baton.job.Maps;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request to start a job.
 *
 * @param version the blueprint version, or null for the newest registered
 * @param attributes what the caller's face attaches and handlers may read (webhook url, client,
 *     tracing context)
 */
public record NewJob(
    String blueprint,
    @Nullable Integer version,
    Map<String, Object> initialData,
    int priority,
    JobAttributes attributes) {

  public NewJob {
    initialData = Maps.copy(initialData);
  }

  public static NewJob of(String blueprint, Map<String, Object> initialData) {
    return new NewJob(blueprint, null, initialData, 0, JobAttributes.NONE);
  }

  public NewJob withPriority(int p) {
    return new NewJob(blueprint, version, initialData, p, attributes);
  }

  public NewJob withAttributes(JobAttributes a) {
    return new NewJob(blueprint, version, initialData, priority, a);
  }
}
