package dev.baton.job;

import org.jspecify.annotations.Nullable;

/**
 * A page of jobs, newest first, optionally of one status, one blueprint and one client.
 *
 * @param client the name of the client that created the jobs ({@link JobClient#name()}), or null
 *     for the jobs of every client and of none
 */
public record JobQuery(
    @Nullable JobStatus status,
    @Nullable String blueprint,
    @Nullable String client,
    int limit,
    int offset) {
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

  /** The jobs of every client (and of none). */
  public JobQuery(@Nullable JobStatus status, @Nullable String blueprint, int limit, int offset) {
    this(status, blueprint, null, limit, offset);
  }

  public static JobQuery all(int limit, int offset) {
    return new JobQuery(null, null, null, limit, offset);
  }

  /** The same page, of the jobs the named client created only. */
  public JobQuery ofClient(String clientName) {
    return new JobQuery(status, blueprint, clientName, limit, offset);
  }

  /** Whether the job matches the status, blueprint and client filters (not the page). */
  public boolean matches(Job job) {
    return (status == null || job.status() == status)
        && (blueprint == null || job.blueprint().equals(blueprint))
        && (client == null || client.equals(clientOf(job)));
  }

  /** The name of the client that created the job, as the stores keep it in a column; or null. */
  public static @Nullable String clientOf(Job job) {
    JobClient c = job.attributes().client();
    return c == null ? null : c.name();
  }
}
