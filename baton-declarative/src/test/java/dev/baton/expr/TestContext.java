package dev.baton.expr;

import dev.baton.blueprint.JobContext;
import dev.baton.job.JobAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A job as a handler sees it, without an engine: the same variables as the engine's context. */
public final class TestContext implements JobContext {
  private final Map<String, Object> initialData;
  private final Map<String, @Nullable Object> data;
  private final Map<String, Object> aggregation;
  private final Map<String, Object> attributes;

  private TestContext(
      Map<String, Object> initialData,
      Map<String, @Nullable Object> data,
      Map<String, Object> aggregation,
      Map<String, Object> attributes) {
    this.initialData = initialData;
    this.data = new LinkedHashMap<>(data);
    this.aggregation = aggregation;
    this.attributes = attributes;
  }

  public static TestContext of(Map<String, Object> initialData) {
    return new TestContext(initialData, Map.of(), Map.of(), Map.of());
  }

  public TestContext withData(Map<String, Object> d) {
    return new TestContext(initialData, d, aggregation, attributes);
  }

  public TestContext withAggregation(Map<String, Object> a) {
    return new TestContext(initialData, data, a, attributes);
  }

  public TestContext withClient(Map<String, Object> client) {
    return new TestContext(initialData, data, aggregation, Map.of("client", client));
  }

  @Override
  public String jobId() {
    return "job-1";
  }

  @Override
  public String state() {
    return "test";
  }

  @Override
  public Map<String, Object> initialData() {
    return initialData;
  }

  @Override
  @SuppressWarnings("NullAway")
  public Map<String, Object> data() {
    return data;
  }

  @Override
  public Map<String, Object> aggregationResults() {
    return aggregation;
  }

  @Override
  public JobAttributes attributes() {
    return JobAttributes.fromMap(attributes);
  }

  @Override
  public void put(String key, @Nullable Object value) {
    data.put(key, value);
  }

  @Override
  public Map<String, Object> variables() {
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("id", jobId());
    job.put("blueprint", "test");
    job.put("state", state());
    job.put("priority", 0L);
    job.put("retry_count", 0L);
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("initial_data", initialData);
    vars.put("state_history", data());
    vars.put("data", data());
    vars.put("aggregation_results", aggregation);
    vars.put("job", job);
    vars.put("client", attributes.getOrDefault("client", Map.of()));
    return vars;
  }
}
