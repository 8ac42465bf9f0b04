package dev.baton.engine.internal;

import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Notice;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Avtomatika's webhook: a job created with a {@code webhook_url} reports its end there. The notice
 * is planned in the same transaction as the end itself, so it survives a crash; delivering it is
 * the notices' business.
 */
final class Webhook {
  private final Supplier<String> ids;

  Webhook(Supplier<String> ids) {
    this.ids = ids;
  }

  /** Plans the notice a job that just ended owes, if it owes one. */
  void owe(Job.Builder b, JobStatus status, Plan plan) {
    String event =
        switch (status) {
          case FINISHED -> "job_finished";
          case FAILED -> "job_failed";
          case QUARANTINED -> "job_quarantined";
          default -> null;
        };
    if (event == null || !(b.from().attributes().webhookUrl() instanceof String url)) {
      return;
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("event", event);
    payload.put("job_id", b.from().id());
    payload.put("status", status.wireName());
    payload.put("result", b.data());
    payload.put("error", b.errorMessage());
    plan.addNotice(
        new Notice(
            ids.get(),
            b.from().id(),
            event,
            url,
            payload,
            Notice.Status.PENDING,
            0,
            plan.now,
            plan.now,
            null));
  }
}
