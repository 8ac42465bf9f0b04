package dev.baton.server.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The latest progress a worker reported for a job over its WebSocket. */
public record Progress(
    @Nullable String taskId, @Nullable Object progress, @Nullable String message, Instant at) {}
