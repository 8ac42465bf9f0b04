package dev.baton.server.internal;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.Wait;
import dev.baton.server.route.ApiError;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Jobs as the API shows them ({@link Views#job}), with their live progress and current task. */
final class JobViews {
  private final Engine engine;
  private final ProgressBoard progress;

  JobViews(Engine engine, ProgressBoard progress) {
    this.engine = engine;
    this.progress = progress;
  }

  Map<String, @Nullable Object> view(Job job) {
    Task task = null;
    Wait wait = job.awaiting() != null ? job.awaiting() : job.lastWait();
    if (wait instanceof Wait.OnTask t) {
      task = engine.task(t.taskId()).orElse(null);
    }
    return Views.job(job, progress.get(job.id()).orElse(null), task);
  }

  /** The job, or {@code 404 {"error":"Job not found"}} (Avtomatika's words). */
  Job require(String id) {
    return engine.job(id).orElseThrow(() -> ApiError.notFound("Job not found"));
  }
}
