package dev.baton.ledger;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A page of the ledger. Every filter is optional; all given ones must hold.
 *
 * @param type an exact type ({@code job.failed}) or a prefix ending in {@code *} ({@code job.*})
 * @param since entries at or after this instant
 * @param until entries before this instant
 * @param after a cursor: only entries past this {@code seq} in the page's order (0: from the start)
 * @param newestFirst the order of the page: by {@code seq}, descending when true
 */
public record LedgerQuery(
    @Nullable String type,
    @Nullable String source,
    @Nullable String jobId,
    @Nullable Severity severity,
    @Nullable Instant since,
    @Nullable Instant until,
    long after,
    int limit,
    boolean newestFirst) {
  public static final int MAX_LIMIT = 1000;

  public LedgerQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (after < 0) {
      throw new IllegalArgumentException("the cursor must be 0 or more, was " + after);
    }
    if (type != null && type.indexOf('*') >= 0 && type.indexOf('*') != type.length() - 1) {
      throw new IllegalArgumentException(
          "type '" + type + "': '*' may only end a prefix, as in job.*");
    }
  }

  /** Everything, newest first, {@code limit} at a time. */
  public static LedgerQuery newest(int limit) {
    return new LedgerQuery(null, null, null, null, null, null, 0, limit, true);
  }

  /** Everything, oldest first, {@code limit} at a time. */
  public static LedgerQuery oldest(int limit) {
    return new LedgerQuery(null, null, null, null, null, null, 0, limit, false);
  }

  public LedgerQuery type(@Nullable String t) {
    return new LedgerQuery(t, source, jobId, severity, since, until, after, limit, newestFirst);
  }

  public LedgerQuery source(@Nullable String s) {
    return new LedgerQuery(type, s, jobId, severity, since, until, after, limit, newestFirst);
  }

  public LedgerQuery jobId(@Nullable String j) {
    return new LedgerQuery(type, source, j, severity, since, until, after, limit, newestFirst);
  }

  public LedgerQuery severity(@Nullable Severity s) {
    return new LedgerQuery(type, source, jobId, s, since, until, after, limit, newestFirst);
  }

  public LedgerQuery between(@Nullable Instant from, @Nullable Instant to) {
    return new LedgerQuery(type, source, jobId, severity, from, to, after, limit, newestFirst);
  }

  public LedgerQuery after(long cursor) {
    return new LedgerQuery(type, source, jobId, severity, since, until, cursor, limit, newestFirst);
  }

  /** True when the entry passes every filter (the cursor and the limit aside). */
  public boolean matches(LedgerEntry e) {
    return (type == null || typeMatches(e.type()))
        && (source == null || source.equals(e.source()))
        && (jobId == null || jobId.equals(e.jobId()))
        && (severity == null || severity == e.severity())
        && (since == null || !e.at().isBefore(since))
        && (until == null || e.at().isBefore(until));
  }

  private boolean typeMatches(String t) {
    String wanted = type;
    if (wanted == null) {
      return true;
    }
    return wanted.endsWith("*")
        ? t.startsWith(wanted.substring(0, wanted.length() - 1))
        : t.equals(wanted);
  }
}
