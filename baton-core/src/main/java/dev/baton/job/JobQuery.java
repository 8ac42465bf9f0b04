package dev.baton.job;

import org.jspecify.annotations.Nullable;

/** A page of jobs, newest first, optionally of one status and one blueprint. */
public record JobQuery(
    @Nullable JobStatus status, @Nullable String blueprint, int limit, int offset) {
  public static final int MAX_LIMIT = 1000;

  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
    }
  }

  public static JobQuery all(int limit, int offset) {
    return new JobQuery(null, null, limit, offset);
  }
}
