package dev.baton.server.internal;

import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.engine.EngineObserver;
import dev.baton.engine.Receipt;
import dev.baton.job.ErrorCode;
import dev.baton.job.Job;
import dev.baton.job.Task;
import dev.baton.job.TaskError;
import dev.baton.job.TaskResult;
import dev.baton.log.LogContext;
import dev.baton.server.WorkerAuth;
import dev.baton.server.WorkerAuth.Verdict;
import dev.baton.server.access.RateLimiter;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.Requests;
import dev.baton.server.route.RouteLog;
import dev.baton.worker.Worker;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsMessageContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Avtomatika 1.0b7's worker protocol under {@code /_worker}: register, heartbeat, long-poll for a
 * task, post its result, and the WebSocket for progress and cancel commands. Every route first
 * checks {@code X-Worker-Token}, then counts the request against the rate limit (when there is one:
 * per worker id from the path, else per caller IP, and per path): a refused token uses none of a
 * worker's budget, so bad-token requests cannot lock a real worker out.
 */
public final class WorkerRoutes {
  private static final Logger log = LoggerFactory.getLogger(WorkerRoutes.class);
  static final String TOKEN_HEADER = "X-Worker-Token";

  private final Engine engine;
  private final WorkerAuth auth;
  private final Duration pollTimeout;
  private final Requests requests;
  private final WorkerSessions sessions;
  private final ProgressBoard progress;
  private final @Nullable RateLimiter limiter;
  private final Set<Thread> pollers = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  public WorkerRoutes(
      Engine engine,
      WorkerAuth auth,
      Duration pollTimeout,
      Requests requests,
      WorkerSessions sessions,
      ProgressBoard progress,
      @Nullable RateLimiter limiter) {
    this.engine = engine;
    this.auth = auth;
    this.pollTimeout = pollTimeout;
    this.requests = requests;
    this.sessions = sessions;
    this.progress = progress;
    this.limiter = limiter;
  }

  public void register(RoutesConfig routes) {
    routes.post("/_worker/workers/register", ctx -> logged(ctx, null, this::registerWorker));
    routes.patch("/_worker/workers/{id}", ctx -> logged(ctx, ctx.pathParam("id"), this::heartbeat));
    routes.get(
        "/_worker/workers/{id}/tasks/next",
        ctx -> logged(ctx, ctx.pathParam("id"), this::nextTask));
    routes.post("/_worker/tasks/result", ctx -> logged(ctx, null, this::taskResult));
    routes.wsBeforeUpgrade(
        "/_worker/ws/{id}",
        ctx ->
            logged(
                ctx,
                ctx.pathParam("id"),
                (c, fields) -> {
                  verify(token(c), c.pathParam("id"), null);
                  limit(c, c.pathParam("id"));
                }));
    routes.ws("/_worker/ws/{id}", this::webSocket);
  }

  /**
   * Runs a worker route with the worker's id (from the path, when it names one) in the log fields
   * from the start; a route that reads ids from its body adds them as soon as it has parsed it.
   */
  private static void logged(Context ctx, @Nullable String workerId, RouteLog.Body route)
      throws Exception {
    RouteLog.run(ctx, LogContext.empty().with(LogContext.WORKER_ID, workerId), route);
  }

  /**
   * Wakes every waiting long-poll so that the server can stop at once. Each answers 204, no task,
   * as its timeout would have: in a rolling restart a worker then asks again (this node or, once it
   * is gone, its replacement) and sees no 5xx. A task claimed in that moment goes back to the queue
   * rather than out in an answer the worker may never read.
   */
  public void close() {
    closing = true;
    pollers.forEach(Thread::interrupt);
  }

  private void registerWorker(Context ctx, LogContext fields) {
    String token = token(ctx);
    JsonBody body = requests.object(ctx, false);
    fields.with(LogContext.WORKER_ID, workerIdIn(body));
    verify(token, workerIdIn(body), null);
    limit(ctx, null);
    engine.registerWorker(body.fields());
    ctx.json(Map.of("status", "registered"));
  }

  /** A non-empty JSON object merges into the worker; anything else only keeps it alive. */
  private void heartbeat(Context ctx, LogContext fields) {
    String id = ctx.pathParam("id");
    verify(token(ctx), id, null);
    limit(ctx, id);
    Map<String, Object> patch = lenientObject(requests.body(ctx));
    if (patch == null || patch.isEmpty()) {
      engine.heartbeat(id, Map.of());
      ctx.json(Map.of("status", "ttl_refreshed"));
      return;
    }
    Worker w = engine.heartbeat(id, patch);
    ctx.json(w.info());
  }

  private void nextTask(Context ctx, LogContext fields) {
    String id = ctx.pathParam("id");
    verify(token(ctx), id, null);
    limit(ctx, id);
    List<Task> got = poll(id);
    if (got.isEmpty()) {
      ctx.status(204);
      return;
    }
    Task task = got.get(0);
    fields.with(LogContext.TASK_ID, task.id()).with(LogContext.JOB_ID, task.jobId());
    Job job = engine.job(task.jobId()).orElse(null);
    String traceparent = null;
    if (job != null && engine.observer() != EngineObserver.NONE) {
      // The hand-out is the worker's parent: its context goes in the task's tracing_context.
      traceparent = engine.observer().handedOut(job, task, "baton.worker.id", id);
    }
    ctx.json(Views.taskForWorker(task, job, traceparent));
  }

  private List<Task> poll(String workerId) {
    Thread me = Thread.currentThread();
    pollers.add(me);
    try {
      if (closing) {
        return List.of(); // see close()
      }
      List<Task> got = engine.poll(workerId, 1, pollTimeout);
      if (closing && !got.isEmpty()) {
        // The server stops: the answer may never reach the worker, so the lease goes back now
        // rather than wait for the task's deadline.
        handBack(got, workerId);
        return List.of();
      }
      return got;
    } catch (BatonException e) {
      if (e.reason() != BatonException.Reason.NOT_FOUND) {
        throw e;
      }
      // Avtomatika 1.0b7 waits on the unknown worker's empty queue, then answers 204: so does
      // Baton, and the wait keeps a worker that has not registered from polling in a tight loop.
      return idle(workerId);
    } catch (InterruptedException e) {
      return stopping();
    } finally {
      pollers.remove(me);
      if (closing && Thread.interrupted()) {
        log.debug("cleared the interrupt meant for the long-poll of worker {}", workerId);
      }
    }
  }

  /** An interrupted wait: the server's close() (no task, see there), else a 503. */
  private List<Task> stopping() {
    if (closing) {
      return List.of();
    }
    throw new ApiError(503, "Server is shutting down");
  }

  private void handBack(List<Task> tasks, String workerId) {
    for (Task t : tasks) {
      try {
        engine.release(t.id(), workerId, "the server stopped before the worker got it");
      } catch (BatonException e) {
        log.debug("task {} not handed back at shutdown: {}", t.id(), e.getMessage());
      }
    }
  }

  /** Waits out a poll for a worker that has no tasks to get (close() ends the wait early). */
  private List<Task> idle(String workerId) {
    try {
      Thread.sleep(pollTimeout);
    } catch (InterruptedException e) {
      return stopping();
    }
    log.debug("long-poll of unregistered worker {} ends empty", workerId);
    return List.of();
  }

  private void taskResult(Context ctx, LogContext fields) {
    String token = token(ctx);
    JsonBody body = requests.object(ctx, false);
    String claimed = workerIdIn(body);
    // Read leniently here: a field of the wrong type is refused below, after the token is checked.
    fields
        .with(LogContext.WORKER_ID, claimed)
        .with(LogContext.JOB_ID, body.raw("job_id") instanceof String j ? j : null)
        .with(LogContext.TASK_ID, body.raw("task_id") instanceof String t ? t : null);
    Verdict verdict =
        verify(
            token,
            claimed,
            (me, other) ->
                "Forbidden: Authenticated worker '"
                    + me
                    + "' cannot submit results for another worker '"
                    + other
                    + "'.");
    limit(ctx, null);
    String jobId = body.string("job_id");
    String taskId = body.string("task_id");
    if (jobId == null || jobId.isEmpty() || taskId == null || taskId.isEmpty()) {
      throw ApiError.badRequest("job_id and task_id are required");
    }
    TaskResult result = resultOf(body.object("result"));
    // No read on the happy path when this process leased the task (the engine carries its copy);
    // the job is looked up only to say which of the two is unknown.
    Task task = engine.leasedTask(taskId).filter(t -> t.jobId().equals(jobId)).orElse(null);
    if (task == null) {
      if (engine.job(jobId).isEmpty()) {
        throw ApiError.notFound("Job not found");
      }
      throw ApiError.notFound("Task " + taskId + " not found in job " + jobId);
    }
    // The global token must not speak for a worker that has its own: workers.toml says that
    // worker's results come only with its token.
    String holder = task.workerId();
    if (verdict instanceof Verdict.Global && holder != null && auth.hasOwnToken(holder)) {
      throw ApiError.forbidden(
          "Forbidden: task "
              + taskId
              + " is leased to worker '"
              + holder
              + "', which has its own token; its result must come with that token.");
    }
    String worker = claimed;
    if (worker == null && verdict instanceof Verdict.Individual i) {
      worker = i.workerId();
    }
    if (claimed == null) {
      fields.with(LogContext.WORKER_ID, worker); // the worker the token names
    }
    Receipt receipt = engine.complete(taskId, worker, result, traceparentOf(ctx, body));
    log.debug("result of task {} taken: {}", taskId, receiptName(receipt));
    ctx.json(Map.of("status", receiptName(receipt)));
  }

  /**
   * The worker's trace context for its result: {@code tracing_context.traceparent} in the body (as
   * the task carried it), else a {@code traceparent} header; null when it sent neither.
   */
  private static @Nullable String traceparentOf(Context ctx, JsonBody body) {
    if (body.raw("tracing_context") instanceof Map<?, ?> m
        && m.get("traceparent") instanceof String s
        && !s.isBlank()) {
      return s;
    }
    String header = ctx.header("traceparent");
    return header == null || header.isBlank() ? null : header;
  }

  static TaskResult resultOf(JsonBody result) {
    String status = result.string("status");
    Map<String, Object> data = result.object("data").fields();
    return new TaskResult(status == null ? TaskResult.SUCCESS : status, data, errorOf(result));
  }

  /** {@code {"code","message"}}, or a plain string that is a transient error's message. */
  private static @Nullable TaskError errorOf(JsonBody result) {
    Object raw = result.raw("error");
    if (raw == null) {
      return null;
    }
    if (raw instanceof String message) {
      return TaskError.transientError(message);
    }
    Map<String, Object> error = Json.asObject(raw);
    if (error == null) {
      throw ApiError.badRequest(
          "field 'result.error' must be an object {\"code\", \"message\"} or a string");
    }
    Object code = error.get("code");
    Object message = error.get("message");
    return new TaskError(
        ErrorCode.parse(code instanceof String c ? c : null),
        message == null ? "No error message provided." : String.valueOf(message));
  }

  static String receiptName(Receipt r) {
    return switch (r) {
      case BRANCH -> "parallel_branch_result_accepted";
      case FAILURE -> "result_accepted_failure";
      case CANCELLED -> "result_accepted_cancelled";
      case SUCCESS -> "result_accepted_success";
    };
  }

  private void webSocket(WsConfig ws) {
    ws.onConnect(ctx -> {
      ctx.enableAutomaticPings();
      sessions.open(ctx.pathParam("id"), ctx.sessionId(), ctx::send);
      log.debug("worker {} opened WebSocket {}", ctx.pathParam("id"), ctx.sessionId());
    });
    ws.onMessage(this::onMessage);
    ws.onClose(ctx -> {
      ctx.disableAutomaticPings();
      sessions.close(ctx.pathParam("id"), ctx.sessionId());
    });
    ws.onError(ctx -> sessions.close(ctx.pathParam("id"), ctx.sessionId()));
  }

  /**
   * {@code {"event":"progress_update","job_id","task_id","progress","message"}}: kept as the job's
   * latest progress. Anything else, or progress for an unknown or ended job, is ignored (as
   * upstream does): a worker gets no answer on this socket.
   */
  private void onMessage(WsMessageContext ctx) {
    try (LogContext fields = LogContext.empty().with(LogContext.WORKER_ID, ctx.pathParam("id"))) {
      onProgress(ctx);
    }
  }

  private void onProgress(WsMessageContext ctx) {
    Map<String, Object> msg = lenientObject(ctx.message().getBytes(StandardCharsets.UTF_8));
    if (msg == null || !"progress_update".equals(msg.get("event"))) {
      log.debug("ignored WebSocket message from worker {}", ctx.pathParam("id"));
      return;
    }
    if (!(msg.get("job_id") instanceof String jobId)) {
      return;
    }
    Optional<Job> job = engine.job(jobId);
    if (job.isEmpty() || job.get().status().isTerminal()) {
      return;
    }
    Object value = msg.get("progress");
    progress.put(
        job.get(),
        new Progress(
            msg.get("task_id") instanceof String t ? t : null,
            value instanceof Number ? value : null,
            msg.get("message") instanceof String m ? m : null,
            engine.clock().instant()));
  }

  private static @Nullable Map<String, Object> lenientObject(byte[] bytes) {
    if (Requests.isBlank(bytes)) {
      return null;
    }
    try {
      return Json.asObject(Json.parseRequest(bytes));
    } catch (JacksonException e) {
      return null;
    }
  }

  private static @Nullable String workerIdIn(JsonBody body) {
    return body.raw("worker_id") instanceof String s ? s : null;
  }

  private static String token(Context ctx) {
    String token = ctx.header(TOKEN_HEADER);
    if (token == null || token.isEmpty()) {
      throw ApiError.unauthorized("Missing X-Worker-Token header");
    }
    return token;
  }

  /**
   * Counts the request: per worker when the path names one, else per caller address (a body is not
   * read for this, as upstream), and per path.
   */
  private void limit(Context ctx, @Nullable String workerId) {
    if (limiter == null) {
      return;
    }
    String who = workerId != null ? "worker " + workerId : "ip " + ctx.ip();
    if (!limiter.tryAcquire(who + " " + ctx.path())) {
      throw new ApiError(429, "Too Many Requests");
    }
  }

  /** What a 403 says when a worker's own token speaks for another worker. */
  private interface Mismatch {
    String message(String authenticated, String claimed);
  }

  private Verdict verify(String token, @Nullable String workerId, @Nullable Mismatch mismatch) {
    Verdict verdict = auth.check(token, workerId);
    switch (verdict) {
      case Verdict.Refused r -> throw ApiError.unauthorized(r.message());
      case Verdict.Individual i -> {
        if (workerId != null && !workerId.equals(i.workerId())) {
          throw ApiError.forbidden(
              mismatch != null
                  ? mismatch.message(i.workerId(), workerId)
                  : "Forbidden: Authenticated worker '"
                      + i.workerId()
                      + "' cannot act for worker '"
                      + workerId
                      + "'.");
        }
      }
      case Verdict.Global g -> {}
    }
    return verdict;
  }
}
