package dev.baton.worker.sdk.robot;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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

  JobRun(RobotJob job, String robotId, RobotHandler handler, RobotWire wire) {
    this.job = job;
    this.robotId = robotId;
    this.handler = handler;
    this.wire = wire;
  }

  void cancel() {
    cancelled.set(true);
  }

  @Override
  public void run() {
    long start = System.nanoTime();
    try {
      Map<String, Object> result = handler.run(job, new Context());
      if (!cancelled.get()) {
        long ms = (System.nanoTime() - start) / 1_000_000;
        wire.send(
            "job_complete",
            Map.of(
                "job_id", job.jobId(),
                "robot_id", robotId,
                "result", result,
                "duration_ms", ms),
            null);
      }
    } catch (InterruptedException e) {
      // cancelled: job_cancelled was sent
    } catch (Exception e) {
      if (!cancelled.get()) {
        wire.send(
            "job_failed",
            Map.of(
                "job_id",
                job.jobId(),
                "robot_id",
                robotId,
                "error_message",
                String.valueOf(e.getMessage()),
                "error_type",
                "ExecutionError",
                "stack_trace",
                "",
                "failed_node",
                ""),
            null);
      }
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
