package dev.baton.engine.internal;

import dev.baton.blueprint.JobContext;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The handler's view of a job being advanced; collects what the handler puts into the data. */
final class Context implements JobContext {
  private final Job.Builder job;
  private final Map<String, @Nullable Object> data;

  Context(Job.Builder job) {
    this.job = job;
    this.data = new LinkedHashMap<>(job.data());
  }

  @Override
  public String jobId() {
    return job.from().id();
  }

  @Override
  public String state() {
    return job.state();
  }

  @Override
  public Map<String, Object> initialData() {
    return job.initialData();
  }

  @Override
  @SuppressWarnings("NullAway") // JSON data may hold nulls; readers get them as they are
  public Map<String, Object> data() {
    return Collections.unmodifiableMap(data);
  }

  @Override
  public Map<String, Object> aggregationResults() {
    return job.aggregationResults();
  }

  @Override
  public JobAttributes attributes() {
    return job.from().attributes();
  }

  @Override
  public void put(String key, @Nullable Object value) {
    data.put(key, value);
  }

  @Override
  public Map<String, Object> variables() {
    return variables(job, data());
  }

  /** The names conditions and templates use; shared with the declarative blueprints. */
  static Map<String, Object> variables(Job.Builder job, Map<String, Object> data) {
    Job j = job.from();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("id", j.id());
    meta.put("blueprint", j.blueprint());
    meta.put("state", job.state());
    meta.put("priority", (long) j.priority());
    meta.put("retry_count", (long) job.retryCount());
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("initial_data", job.initialData());
    vars.put("state_history", data);
    vars.put("data", data);
    vars.put("aggregation_results", job.aggregationResults());
    vars.put("job", meta);
    JobClient client = j.attributes().client();
    vars.put("client", client == null ? Map.of() : client.toMap());
    return vars;
  }

  /** True when the handler put something, so the job's data must be replaced. */
  boolean changedData() {
    return !data.equals(job.data());
  }

  @SuppressWarnings("NullAway")
  Map<String, Object> newData() {
    return data;
  }
}
