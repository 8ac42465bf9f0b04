package dev.baton.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One entry of a job's history: a move between states or statuses, and why. */
public record JobTransition(
    String jobId,
    Instant at,
    @Nullable String fromState,
    String toState,
    @Nullable JobStatus fromStatus,
    JobStatus toStatus,
    String reason) {}
