package dev.baton.store;

import java.time.Instant;

/**
 * The queued tasks of one task type and priority that a worker could take now (retries still in
 * their backoff are not counted): how many, and since when the longest-waiting one has been
 * takeable.
 */
public record QueueDepth(String taskType, int priority, long queued, Instant oldestVisibleAt) {}
