package dev.baton.worker.sdk.robot;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A job the orchestrator assigned ({@code job_assign}). */
public record RobotJob(
    String jobId,
    String workflowId,
    @Nullable String workflowName,
    @Nullable String workflowJson,
    int priority,
    int timeoutSeconds,
    Map<String, Object> parameters) {}
