package dev.baton.store;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A worker asks for up to {@code limit} queued tasks of its types that are visible at {@code now}
 * and either unassigned or assigned to it. Highest priority first, then oldest first.
 *
 * @param caps the most tasks of a type that may be leased at once, all holders counted: the store
 *     checks them in the claim's own transaction, so claimers racing on several nodes never pass
 *     them together. A claim takes no task of a type at its cap, and no more of a capped type than
 *     its room. Types not named have no cap.
 */
public record TaskClaim(
    String workerId,
    Set<String> taskTypes,
    int limit,
    Instant now,
    Instant leaseUntil,
    Map<String, Integer> caps) {
  public TaskClaim {
    taskTypes = Set.copyOf(taskTypes);
    caps = Map.copyOf(caps);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  /** A claim with no caps. */
  public TaskClaim(
      String workerId, Set<String> taskTypes, int limit, Instant now, Instant leaseUntil) {
    this(workerId, taskTypes, limit, now, leaseUntil, Map.of());
  }
}
