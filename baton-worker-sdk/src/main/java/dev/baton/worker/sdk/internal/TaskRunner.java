package dev.baton.worker.sdk.internal;

import dev.baton.worker.sdk.InvalidInputException;
import dev.baton.worker.sdk.PermanentTaskException;
import dev.baton.worker.sdk.Task;
import dev.baton.worker.sdk.TaskHandler;
import dev.baton.worker.sdk.TaskResult;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on virtual threads. Each task arrives holding one permit of {@code permits}, taken by
 * the poller before it polled; the permit is released only after the result has been posted, so the
 * worker never holds more than {@code concurrency} tasks, reported or not.
 */
public final class TaskRunner {
  static final String SHUTTING_DOWN = "worker shutting down";
  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

  private final Map<String, TaskHandler> handlers;
  private final Semaphore permits;
  private final ResultPoster poster;
  private final ProgressSink progress;
  private final Map<String, RunningTask> running = new ConcurrentHashMap<>();
  private final TaskSpans spans;

  public TaskRunner(
      Map<String, TaskHandler> handlers,
      Semaphore permits,
      ResultPoster poster,
      ProgressSink sink) {
    this(handlers, permits, poster, sink, new TaskSpans(OpenTelemetry.noop()));
  }

  public TaskRunner(
      Map<String, TaskHandler> handlers,
      Semaphore permits,
      ResultPoster poster,
      ProgressSink sink,
      TaskSpans spans) {
    this.handlers = handlers;
    this.permits = permits;
    this.poster = poster;
    this.progress = sink;
    this.spans = spans;
  }

  /** Starts {@code task}; the caller's permit now belongs to the task. */
  public void run(Task task) {
    RunningTask rt = new RunningTask(task, progress, this::execute);
    running.put(task.taskId(), rt);
    rt.start();
  }

  /** Hands a task back unrun, for one that arrived while the worker was closing. */
  public void reject(Task task) {
    try {
      poster.post(task, TaskResult.transientError(SHUTTING_DOWN));
    } finally {
      permits.release();
    }
  }

  public void cancel(String taskId) {
    RunningTask rt = running.get(taskId);
    if (rt == null) {
      log.debug("Cancel for task {} ignored: not running here", taskId);
      return;
    }
    log.info("Cancelling task {}", taskId);
    rt.cancel();
  }

  public int load() {
    return running.size();
  }

  /**
   * The tasks this worker holds: from the moment a poll hands one over until its result is posted
   * (a result still being posted counts, so its lease is not given back under it).
   */
  public Set<String> runningIds() {
    return Set.copyOf(running.keySet());
  }

  /** Reports every unfinished task as a transient failure, so the orchestrator re-dispatches it. */
  public void handBackAll() {
    for (RunningTask rt : running.values()) {
      if (rt.handBack()) {
        log.warn("Task {} handed back: still running at shutdown", rt.task().taskId());
        Thread.ofVirtual()
            .name("baton-handback-" + rt.task().taskId())
            .start(() -> report(rt, TaskResult.transientError(SHUTTING_DOWN)));
      }
    }
  }

  private void execute(RunningTask rt) {
    Span span = spans.start(rt.task());
    TaskResult result;
    try (Scope scope = span.makeCurrent()) {
      result = outcome(rt);
    } finally {
      TaskSpans.end(span, rt.isCancelled());
    }
    if (!rt.settle()) {
      log.debug("Task {} finished after being handed back; result ignored", rt.task().taskId());
      return;
    }
    // A cancel that raced with the handler's return must not abort the result post.
    Thread.interrupted();
    report(rt, result, TaskSpans.traceparent(span));
  }

  private void report(RunningTask rt, TaskResult result) {
    report(rt, result, null);
  }

  private void report(RunningTask rt, TaskResult result, @Nullable String traceparent) {
    try {
      poster.post(rt.task(), result, traceparent);
    } finally {
      running.remove(rt.task().taskId());
      permits.release();
    }
  }

  private TaskResult outcome(RunningTask rt) {
    Task task = rt.task();
    TaskHandler handler = handlers.get(task.type());
    if (handler == null) {
      return TaskResult.permanentError("No handler for task type: " + task.type());
    }
    try {
      @Nullable TaskResult result = handler.handle(task, rt);
      return result != null ? result : TaskResult.permanentError("Handler returned no result");
    } catch (Throwable e) {
      if (rt.isCancelled()) {
        return TaskResult.cancelled();
      }
      return failure(task, e);
    }
  }

  private static TaskResult failure(Task task, Throwable e) {
    return switch (e) {
      case PermanentTaskException p -> TaskResult.permanentError(message(p));
      case InvalidInputException i -> TaskResult.invalidInput(message(i));
      default -> {
        log.warn("Task {} ({}) failed", task.taskId(), task.type(), e);
        yield TaskResult.transientError(message(e));
      }
    };
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getName() : message;
  }
}
