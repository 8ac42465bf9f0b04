package dev.baton.engine;

import dev.baton.job.RetryPolicy;
import java.time.Duration;

/**
 * How the engine behaves. Every value has a default that suits a single node.
 *
 * @param retry the retry policy of tasks and handlers that do not name one (default: 3 retries, 1 s
 *     doubling to at most 5 min, 20% jitter; {@code JOB_MAX_RETRIES} sets the count)
 * @param taskTimeout how long a task may take from dispatch to result unless its state says
 *     otherwise (default 300 s, Avtomatika's {@code WORKER_TIMEOUT_SECONDS}); a timed-out attempt
 *     is retried like a transient error
 * @param workerTtl how long a worker counts as alive after its last registration, heartbeat or poll
 *     (default 120 s, twice Avtomatika's health-check interval); past it the leases of its running
 *     tasks run out and the tasks go to another worker
 * @param pollRecheck how often a waiting long-poll looks at the store even without a wake-up, so
 *     tasks created by another node or whose retry delay ran out are found (default 250 ms)
 * @param sweepInterval how often the background sweep looks for due retries, expired leases and
 *     timed-out tasks (default 500 ms)
 * @param maxStepsPerAdvance a job that moves through more states than this without waiting is
 *     failed as a loop (default 1000)
 */
public record EngineOptions(
    RetryPolicy retry,
    Duration taskTimeout,
    Duration workerTtl,
    Duration pollRecheck,
    Duration sweepInterval,
    int maxStepsPerAdvance) {

  public static final EngineOptions DEFAULTS =
      new EngineOptions(
          RetryPolicy.DEFAULT,
          Duration.ofMinutes(5),
          Duration.ofMinutes(2),
          Duration.ofMillis(250),
          Duration.ofMillis(500),
          1000);

  public EngineOptions withRetry(RetryPolicy r) {
    return new EngineOptions(
        r, taskTimeout, workerTtl, pollRecheck, sweepInterval, maxStepsPerAdvance);
  }

  public EngineOptions withTaskTimeout(Duration d) {
    return new EngineOptions(retry, d, workerTtl, pollRecheck, sweepInterval, maxStepsPerAdvance);
  }

  public EngineOptions withWorkerTtl(Duration d) {
    return new EngineOptions(retry, taskTimeout, d, pollRecheck, sweepInterval, maxStepsPerAdvance);
  }

  public EngineOptions withPollRecheck(Duration d) {
    return new EngineOptions(retry, taskTimeout, workerTtl, d, sweepInterval, maxStepsPerAdvance);
  }

  public EngineOptions withSweepInterval(Duration d) {
    return new EngineOptions(retry, taskTimeout, workerTtl, pollRecheck, d, maxStepsPerAdvance);
  }
}
