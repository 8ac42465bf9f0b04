package dev.baton.worker.sdk.robot;

import dev.baton.worker.sdk.internal.TaskSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One assigned job running on its own virtual thread: the handler's outcome becomes {@code
 * job_complete} or {@code job_failed}. A cancelled run reports nothing more (the robot already said
 * {@code job_cancelled}), whatever the handler does after.
 */
final class JobRun implements Runnable {
  private final RobotJob job;
  private final String robotId;
  private final RobotHandler handler;
  private final RobotWire wire;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final TaskSpans spans;
  private final @Nullable String traceparent;
  private final Runnable ending;

  /**
   * @param traceparent the hand-out's trace context sent with {@code job_assign}, or null
   * @param ending runs just before the outcome is sent: the robot no longer counts the job running
   */
  JobRun(
      RobotJob job,
      String robotId,
      RobotHandler handler,
      RobotWire wire,
      TaskSpans spans,
      @Nullable String traceparent,
      Runnable ending) {
    this.ending = ending;
    this.job = job;
    this.robotId = robotId;
    this.handler = handler;
    this.wire = wire;
    this.spans = spans;
    this.traceparent = traceparent;
  }

  void cancel() {
    cancelled.set(true);
  }

  /** The handler runs inside a span continuing the hand-out; its context goes back with the end. */
  @Override
  public void run() {
    Map<String, @Nullable Object> context = new LinkedHashMap<>();
    if (traceparent != null) {
      context.put("traceparent", traceparent);
    }
    Span span =
        spans.start(
            "run " + job.workflowId(),
            context,
            Map.of("baton.job.id", job.jobId(), "baton.robot.id", robotId));
    try (Scope scope = span.makeCurrent()) {
      runHandler(TaskSpans.traceparent(span), span);
    } finally {
      TaskSpans.end(span, cancelled.get());
    }
  }

  private void runHandler(@Nullable String sent, Span span) {
    long start = System.nanoTime();
    try {
      Map<String, Object> result = handler.run(job, new Context());
      if (!cancelled.get()) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job_id", job.jobId());
        payload.put("robot_id", robotId);
        payload.put("result", result);
        payload.put("duration_ms", ms);
        withTrace(payload, sent);
        ending.run();
        wire.send("job_complete", payload, null);
      }
    } catch (InterruptedException e) {
      // cancelled: job_cancelled was sent
    } catch (Exception e) {
      span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
      if (!cancelled.get()) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job_id", job.jobId());
        payload.put("robot_id", robotId);
        payload.put("error_message", String.valueOf(e.getMessage()));
        payload.put("error_type", "ExecutionError");
        payload.put("stack_trace", "");
        payload.put("failed_node", "");
        withTrace(payload, sent);
        ending.run();
        wire.send("job_failed", payload, null);
      }
    }
  }

  private static void withTrace(Map<String, Object> payload, @Nullable String traceparent) {
    if (traceparent != null) {
      payload.put("traceparent", traceparent);
    }
  }

  private final class Context implements RobotContext {
    @Override
    public void progress(int percent, String node, String message) {
      wire.send(
          "job_progress",
          Map.of(
              "job_id", job.jobId(),
              "robot_id", robotId,
              "progress", percent,
              "current_node", node,
              "message", message),
          null);
    }

    @Override
    public void log(String level, String message, String nodeId, Map<String, Object> extra) {
      wire.send(
          "log_entry",
          Map.of(
              "job_id", job.jobId(),
              "robot_id", robotId,
              "level", level,
              "message", message,
              "node_id", nodeId,
              "extra", extra),
          null);
    }

    @Override
    public boolean cancelled() {
      return cancelled.get();
    }
  }
}
