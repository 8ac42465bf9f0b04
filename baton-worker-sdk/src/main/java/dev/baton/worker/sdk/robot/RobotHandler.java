package dev.baton.worker.sdk.robot;

import java.util.Map;

/**
 * Runs a job; returns its result ({@code job_complete}). A thrown exception is reported as {@code
 * job_failed} with its message.
 */
@FunctionalInterface
public interface RobotHandler {
  Map<String, Object> run(RobotJob job, RobotContext context) throws Exception;
}
