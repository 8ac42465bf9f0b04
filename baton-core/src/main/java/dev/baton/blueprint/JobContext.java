package dev.baton.blueprint;

import dev.baton.job.JobAttributes;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a state handler sees of its job, and where it may add data. */
public interface JobContext {
  String jobId();

  String state();

  Map<String, Object> initialData();

  /** The data accumulated so far ({@code state_history}), including what this handler put. */
  Map<String, Object> data();

  /** The last parallel step's results, keyed by branch task id; empty otherwise. */
  Map<String, Object> aggregationResults();

  /** What the job's face attached: its client (plan, params), webhook url, ... */
  JobAttributes attributes();

  /** A value by name: first from the data, then from the initial data (Avtomatika's order). */
  default @Nullable Object get(String key) {
    Object v = data().get(key);
    return v != null ? v : initialData().get(key);
  }

  /** Adds to the job's data; stored with the handler's action. */
  void put(String key, @Nullable Object value);

  /** The variables conditions and templates see: initial_data, state_history, data, job, ... */
  Map<String, Object> variables();
}
