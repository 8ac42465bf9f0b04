package dev.baton.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt at a unit of work. Each attempt has its own id, so a result is fenced by the id: a
 * late result for an attempt that expired or was retried finds its task no longer leased and is
 * refused, and can never move the job twice.
 *
 * @param workerId the worker the task is assigned to before it is leased (a placed task), or the
 *     worker that holds the lease; null while anyone capable may take it
 * @param visibleAt the task is not handed out before this instant (retry backoff)
 * @param deadline the task times out at this instant unless a result arrives first
 */
public record Task(
    String id,
    String jobId,
    TaskSpec spec,
    int attempt,
    TaskStatus status,
    @Nullable String workerId,
    @Nullable Instant leaseUntil,
    Instant visibleAt,
    @Nullable Instant deadline,
    Instant createdAt) {

  public String type() {
    return spec.type();
  }

  public Task leased(String worker, Instant until) {
    return new Task(
        id, jobId, spec, attempt, TaskStatus.LEASED, worker, until, visibleAt, deadline, createdAt);
  }

  public Task withStatus(TaskStatus next) {
    if (!next.allowedFrom().contains(status)) {
      throw new IllegalStateException(
          "task "
              + id
              + " cannot go from "
              + status.wireName()
              + " to "
              + next.wireName()
              + "; it may only come from "
              + next.allowedFrom());
    }
    return new Task(
        id, jobId, spec, attempt, next, workerId, leaseUntil, visibleAt, deadline, createdAt);
  }
}
