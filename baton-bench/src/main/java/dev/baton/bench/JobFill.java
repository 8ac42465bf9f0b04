package dev.baton.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Fills a fresh store with many jobs in minutes: {@code INSERT ... SELECT} over a generated series,
 * {@link #CHUNK} rows a statement and transaction, instead of one engine transaction per job.
 *
 * <p>What is written: the jobs were created evenly over the last {@link #DAYS} days (job 0 newest),
 * each of one of {@link #BLUEPRINTS} blueprints ({@code bench-0} ... {@code bench-9}, in turn),
 * with a random 32-hex-digit id; of every 100, 92 finished, 2 failed, 1 quarantined, 1 cancelled, 2
 * wait for a worker, 1 runs and 1 waits for a person. Each job has one ledger entry, the transition
 * to its status (as the engine writes it, so a job's history reads it), at its last update, in time
 * order. Jobs have no tasks: the pages measured do not read them.
 */
final class JobFill {
  static final int CHUNK = 100_000;
  static final int DAYS = 30;
  static final int BLUEPRINTS = 10;

  /** The status of job {@code i}, as SQL over the series' column {@code i}. */
  private static final String STATUS =
      """
      CASE i % 100 WHEN 0 THEN 'failed' WHEN 1 THEN 'failed' WHEN 2 THEN 'quarantined'
        WHEN 3 THEN 'cancelled' WHEN 4 THEN 'waiting_for_worker' WHEN 5 THEN 'waiting_for_worker'
        WHEN 6 THEN 'running' WHEN 7 THEN 'waiting_for_human' ELSE 'finished' END\
      """;

  private static final String COLUMNS =
      "(id, blueprint, blueprint_version, state, status, priority, parent_job_id, created_at,"
          + " updated_at, wake_at, version, body, client, attributes)";

  /** One row of the series {@code i}, created {@code ? - i * ?} ms (now, spacing). */
  private static final String ROW =
      """
      'bench-' || (i %% 10), 1, 'run', %s, 0, NULL, ? - i * ?, ? - i * ? + 1000 + i %% 5000,
      NULL, 3, '{"data":{"n":' || i || '}}', NULL, NULL\
      """;

  private static final String SQLITE_JOBS =
      "INSERT INTO jobs "
          + COLUMNS
          + " WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)"
          + " SELECT lower(hex(randomblob(16))), "
          + ROW.formatted(STATUS)
          + " FROM n";

  private static final String POSTGRES_JOBS =
      "INSERT INTO jobs "
          + COLUMNS
          + " SELECT md5(i::text || random()::text), "
          + ROW.formatted(STATUS)
          + " FROM generate_series(?::bigint, ?::bigint - 1) AS n(i)";

  /** Each job's transition to its status, oldest first (the ledger's seq follows time). */
  private static final String LEDGER =
      """
      INSERT INTO ledger (at, type, source, severity, job_id, details)
      SELECT updated_at, 'job.' || status, 'engine',
             CASE WHEN status IN ('failed', 'quarantined') THEN 'warning' ELSE 'info' END, id,
             '{"blueprint":"' || blueprint || '","from_state":"run","to_state":"' || state
               || '","from_status":"running","to_status":"' || status
               || '","reason":"bench fill"}'
        FROM jobs WHERE created_at >= ? AND created_at < ? ORDER BY updated_at, id\
      """;

  private JobFill() {}

  static String blueprint(int n) {
    return "bench-" + n;
  }

  /**
   * Writes {@code jobs} jobs and their ledger entries; returns the first 3 characters of a stored
   * job's id (a text filter that matches about one job in 4,096).
   */
  static String fill(Connection c, String kind, int jobs, long now) throws SQLException {
    long spacing = Math.max(1, DAYS * 86_400_000L / Math.max(1, jobs));
    String insert = kind.equals("postgres") ? POSTGRES_JOBS : SQLITE_JOBS;
    c.setAutoCommit(false);
    // Oldest first, so that the ledger's entries are appended in the order of their time.
    int chunks = (jobs + CHUNK - 1) / CHUNK;
    for (int k = chunks - 1; k >= 0; k--) {
      long from = (long) k * CHUNK;
      long to = Math.min(jobs, from + CHUNK);
      try (PreparedStatement ps = c.prepareStatement(insert)) {
        // SQLite's series comes first in the text (WITH), PostgreSQL's last (FROM).
        boolean seriesFirst = insert == SQLITE_JOBS;
        int row = seriesFirst ? 3 : 1;
        int series = seriesFirst ? 1 : 5;
        ps.setLong(series, from);
        ps.setLong(series + 1, to);
        ps.setLong(row, now);
        ps.setLong(row + 1, spacing);
        ps.setLong(row + 2, now);
        ps.setLong(row + 3, spacing);
        int written = ps.executeUpdate();
        if (written != to - from) {
          throw new IllegalStateException("wrote " + written + " jobs of " + (to - from));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(LEDGER)) {
        ps.setLong(1, now - (to - 1) * spacing);
        ps.setLong(2, now - from * spacing + 1);
        ps.executeUpdate();
      }
      c.commit();
      System.out.printf(Locale.ROOT, "  %,d jobs written%n", jobs - from);
    }
    c.setAutoCommit(true); // VACUUM runs outside a transaction
    try (Statement s = c.createStatement()) {
      // What autovacuum (PostgreSQL) would do soon after a load this size; SQLite keeps no
      // statistics unless asked, and the store never asks, so it is measured without.
      if (kind.equals("postgres")) {
        s.execute("VACUUM ANALYZE jobs");
        s.execute("VACUUM ANALYZE ledger");
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT substr(min(id), 1, 3) FROM jobs")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
