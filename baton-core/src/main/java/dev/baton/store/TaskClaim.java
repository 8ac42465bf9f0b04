package dev.baton.store;

import java.time.Instant;
import java.util.Set;

/**
 * A worker asks for up to {@code limit} queued tasks of its types that are visible at {@code now}
 * and either unassigned or assigned to it. Highest priority first, then oldest first.
 */
public record TaskClaim(
    String workerId, Set<String> taskTypes, int limit, Instant now, Instant leaseUntil) {
  public TaskClaim {
    taskTypes = Set.copyOf(taskTypes);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }
}
