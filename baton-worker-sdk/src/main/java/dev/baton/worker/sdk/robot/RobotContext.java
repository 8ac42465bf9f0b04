package dev.baton.worker.sdk.robot;

import java.util.Map;

/** What a running job may tell the orchestrator, and whether it was told to stop. */
public interface RobotContext {
  /** {@code job_progress}: 0 to 100, the node being run, a message. */
  void progress(int percent, String currentNode, String message);

  /** {@code log_entry}. */
  void log(String level, String message, String nodeId, Map<String, Object> extra);

  /** True once the orchestrator sent {@code job_cancel} (a cancel or a timeout). */
  boolean cancelled();
}
