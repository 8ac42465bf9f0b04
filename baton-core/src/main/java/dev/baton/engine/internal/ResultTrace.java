package dev.baton.engine.internal;

import dev.baton.engine.EngineObserver;
import dev.baton.engine.Receipt;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.store.JobStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Takes a worker's result inside a "task result" span: a child of the worker's own {@code
 * traceparent} when it sent one, else of the job's trace, so one trace shows client, engine,
 * worker, engine.
 */
public final class ResultTrace {
  private final Observers observers;
  private final Carried carried;
  private final JobStore store;

  public ResultTrace(Observers observers, Carried carried, JobStore store) {
    this.observers = observers;
    this.carried = carried;
    this.store = store;
  }

  public Receipt around(
      String taskId, TaskResult result, @Nullable String traceparent, Supplier<Receipt> take) {
    // The span is named from the copies carried since the claim when there are any: the result
    // path itself reads nothing then, and neither should its trace (the server always observes).
    Task carriedTask = carried.peekTask(taskId);
    Optional<Task> task = carriedTask != null ? Optional.of(carriedTask) : store.task(taskId);
    String parent = traceparent != null ? traceparent : task.map(this::jobTrace).orElse(null);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("baton.task.id", taskId);
    task.ifPresent(t -> attributes.put("baton.task.type", t.type()));
    attributes.put("baton.task.result", result.status());
    try (EngineObserver.Activity a = observers.begin("task result", parent, attributes)) {
      try {
        return take.get();
      } catch (RuntimeException e) {
        a.failed(String.valueOf(e.getMessage()));
        throw e;
      }
    }
  }

  private @Nullable String jobTrace(Task t) {
    Job carriedJob = carried.peekJob(t.jobId());
    Optional<Job> job = carriedJob != null ? Optional.of(carriedJob) : store.job(t.jobId());
    return job.map(EngineObserver::traceparent).orElse(null);
  }
}
