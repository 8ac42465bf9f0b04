package dev.baton.server.internal;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.Wait;
import dev.baton.server.access.ApprovalLinks;
import dev.baton.server.route.ApiError;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Jobs as the API shows them ({@link Views#job}), with their live progress, current task and, for a
 * job waiting for a person, the signed approval link ({@code waiting_for.approval_url}).
 */
final class JobViews {
  private final Engine engine;
  private final ProgressBoard progress;
  private final ApprovalLinks links;

  JobViews(Engine engine, ProgressBoard progress, ApprovalLinks links) {
    this.engine = engine;
    this.progress = progress;
    this.links = links;
  }

  Map<String, @Nullable Object> view(Job job) {
    Task task = null;
    Wait wait = job.awaiting() != null ? job.awaiting() : job.lastWait();
    if (wait instanceof Wait.OnTask t) {
      task = engine.task(t.taskId()).orElse(null);
    }
    Map<String, @Nullable Object> m = Views.job(job, progress.get(job.id()).orElse(null), task);
    // The signed link of the approval the job waits for: whoever may read the job may pass it on
    // to the person who decides.
    if (job.awaiting() instanceof Wait.OnHuman && m.get("waiting_for") instanceof Map<?, ?> w) {
      @SuppressWarnings("unchecked")
      Map<String, Object> waiting = (Map<String, Object>) w;
      waiting.put("approval_url", links.url(job));
    }
    return m;
  }

  /** The job, or {@code 404 {"error":"Job not found"}} (Avtomatika's words). */
  Job require(String id) {
    return engine.job(id).orElseThrow(() -> ApiError.notFound("Job not found"));
  }
}
