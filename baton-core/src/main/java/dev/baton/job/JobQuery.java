package dev.baton.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A page of jobs, newest first, optionally of one status, one blueprint and one client, created in
 * a time range, and with ids that start with a prefix. Every filter is a column with an index in
 * the SQL stores (the id prefix is a range of the primary key), so a page stays cheap with millions
 * of jobs.
 *
 * @param client the name of the client that created the jobs ({@link JobClient#name()}), or null
 *     for the jobs of every client and of none
 * @param createdFrom only jobs created at or after this instant, or null
 * @param createdBefore only jobs created before this instant, or null
 * @param idPrefix only jobs whose id starts with this (case-sensitive), or null
 * @param countLimit 0 to count every match in {@link Page#total()}; otherwise count at most this
 *     many (a total equal to it means "this many or more"): counting a million matches reads a
 *     million index entries, so a page that only needs "more than N" asks for N
 */
public record JobQuery(
    @Nullable JobStatus status,
    @Nullable String blueprint,
    @Nullable String client,
    @Nullable Instant createdFrom,
    @Nullable Instant createdBefore,
    @Nullable String idPrefix,
    int limit,
    int offset,
    long countLimit) {
  public static final int MAX_LIMIT = 1000;

  public JobQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
    }
    if (countLimit < 0) {
      throw new IllegalArgumentException("countLimit must be 0 or more, was " + countLimit);
    }
    if (idPrefix != null && idPrefix.isEmpty()) {
      idPrefix = null;
    }
  }

  /** Of one status, blueprint and client, at any time, with any id. */
  public JobQuery(
      @Nullable JobStatus status,
      @Nullable String blueprint,
      @Nullable String client,
      int limit,
      int offset) {
    this(status, blueprint, client, null, null, null, limit, offset, 0);
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
    return new JobQuery(
        status,
        blueprint,
        clientName,
        createdFrom,
        createdBefore,
        idPrefix,
        limit,
        offset,
        countLimit);
  }

  /** The same page, of the jobs created in {@code [from, before)} (either end may be open). */
  public JobQuery createdBetween(@Nullable Instant from, @Nullable Instant before) {
    return new JobQuery(
        status, blueprint, client, from, before, idPrefix, limit, offset, countLimit);
  }

  /** The same page, of the jobs whose id starts with {@code prefix} (empty: any id). */
  public JobQuery idStartingWith(@Nullable String prefix) {
    return new JobQuery(
        status, blueprint, client, createdFrom, createdBefore, prefix, limit, offset, countLimit);
  }

  /** The same page, its total counting at most {@code n} matches (0: every match). */
  public JobQuery countingUpTo(long n) {
    return new JobQuery(
        status, blueprint, client, createdFrom, createdBefore, idPrefix, limit, offset, n);
  }

  /** The total to report for {@code matches} matching jobs: at most {@link #countLimit}. */
  public long capped(long matches) {
    return countLimit > 0 ? Math.min(matches, countLimit) : matches;
  }

  /** Whether the job matches the filters (not the page). */
  public boolean matches(Job job) {
    return (status == null || job.status() == status)
        && (blueprint == null || job.blueprint().equals(blueprint))
        && (client == null || client.equals(clientOf(job)))
        && (createdFrom == null || !job.createdAt().isBefore(createdFrom))
        && (createdBefore == null || job.createdAt().isBefore(createdBefore))
        && (idPrefix == null || job.id().startsWith(idPrefix));
  }

  /** The name of the client that created the job, as the stores keep it in a column; or null. */
  public static @Nullable String clientOf(Job job) {
    JobClient c = job.attributes().client();
    return c == null ? null : c.name();
  }
}
