package dev.baton.worker.sdk;

import dev.baton.worker.sdk.internal.WorkerConfig;
import dev.baton.worker.sdk.internal.WorkerRuntime;
import java.net.URI;

/**
 * A worker process's connection to Baton or Avtomatika (1.0b7 worker protocol): it registers,
 * heartbeats, long-polls for tasks, runs them on virtual threads and posts their results.
 *
 * <p>Behaviour under failure:
 *
 * <ul>
 *   <li><b>Orchestrator down or overloaded (I/O error, 429, 5xx):</b> every loop retries with
 *       capped exponential backoff; nothing throws to the caller and nothing busy-loops. {@link
 *       #start} succeeds even when the first registration fails, and registration is retried.
 *   <li><b>Orchestrator forgot the worker</b> (heartbeat answered 404): it registers again.
 *   <li><b>Orchestrator killed mid-answer:</b> registrations and heartbeats name the tasks running
 *       here ({@code running_tasks}, a Baton extension Avtomatika ignores), so Baton gives back at
 *       once a task it leased to this worker whose answer never arrived, or one an earlier process
 *       under the same id held.
 *   <li><b>Result rejected</b> with 404 or 409 (task cancelled, timed out or re-dispatched): logged
 *       and dropped, never retried. Other result failures are retried a few times, then logged and
 *       dropped; the orchestrator's task timeout then takes over.
 *   <li><b>WebSocket unavailable:</b> the worker runs without it (no progress, no cancel) and keeps
 *       reconnecting in the background.
 *   <li><b>Shutdown</b> ({@link #close}): polling stops, the worker marks itself busy so no new
 *       tasks are dispatched to it, running tasks get the drain timeout to finish and report. Tasks
 *       still running then are interrupted and reported as {@code TRANSIENT_ERROR} "worker shutting
 *       down", so the orchestrator re-dispatches them; whatever they return later is ignored.
 * </ul>
 */
public final class Worker implements AutoCloseable {
  private final WorkerRuntime runtime;

  Worker(WorkerConfig config) {
    this.runtime = new WorkerRuntime(config);
  }

  /** Starts building a worker that talks to the orchestrator at {@code baseUri}. */
  public static WorkerBuilder builder(URI baseUri, String workerId) {
    return new WorkerBuilder(baseUri, workerId);
  }

  /**
   * Registers (one attempt, retried in the background on failure), then starts the heartbeat, the
   * pollers and, if enabled, the WebSocket. Returns without waiting for tasks.
   *
   * @throws IllegalStateException if called twice, or after {@link #close}
   */
  public void start() {
    runtime.start();
  }

  /** Tasks running right now; what the heartbeat reports as {@code load}. */
  public int load() {
    return runtime.load();
  }

  /** Whether the WebSocket is connected, so progress and cancel work. */
  public boolean websocketConnected() {
    return runtime.websocketConnected();
  }

  /**
   * Stops gracefully; blocks up to the drain timeout plus the time to hand back unfinished tasks.
   * Idempotent. When it returns the poller, heartbeat and WebSocket threads have ended and the HTTP
   * client is shut down; a handler that ignores interrupts keeps its virtual (daemon) thread until
   * it returns, and its result is ignored.
   */
  @Override
  public void close() {
    runtime.close();
  }
}
