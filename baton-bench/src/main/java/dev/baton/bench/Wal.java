package dev.baton.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The WAL one benchmark's PostgreSQL database wrote between two marks, per unit of work (a job, a
 * fire). Attributed with {@code pg_walinspect} (the records that touch this database's relations,
 * and the commit records of their transactions), so other databases on the same server do not
 * count; broken down by table and index, with the bytes of full-page images apart.
 *
 * <p>{@code xact} is {@code pg_stat_database.xact_commit + xact_rollback} (every transaction, reads
 * included); it is exact only for marks taken with {@code settle}, after an 11 s pause in which
 * idle backends report their counts.
 */
final class Wal {
  private static final String RECORDS =
      """
      WITH r AS (
        SELECT xid::text AS xid, resource_manager AS rm, record_type AS rt, record_length AS len,
               fpi_length AS fpi,
               substring(block_ref from 'rel [0-9]+/([0-9]+)/[0-9]+')::oid AS db,
               substring(block_ref from 'rel [0-9]+/[0-9]+/([0-9]+)')::oid AS rfn
          FROM pg_get_wal_records_info(?::pg_lsn, ?::pg_lsn)),
      me AS (SELECT oid FROM pg_database WHERE datname = current_database()),
      ours AS (SELECT DISTINCT xid FROM r WHERE db = (SELECT oid FROM me) AND xid <> '0')
      SELECT CASE WHEN r.rm = 'Transaction' THEN 'commit records'
                  ELSE coalesce(c.relname, 'rel ' || r.rfn) || ' ' || r.rt END,
             count(*), sum(len), sum(fpi)
        FROM r LEFT JOIN pg_class c ON c.relfilenode = r.rfn
       WHERE r.db = (SELECT oid FROM me) OR (r.rm = 'Transaction' AND r.xid IN (SELECT xid FROM ours))
       GROUP BY 1 ORDER BY 3 DESC\
      """;

  private Wal() {}

  record Mark(long xact, String lsn, long lsnBytes) {}

  /** Makes sure {@code pg_walinspect} is there (it ships with PostgreSQL 15 and later). */
  static void prepare(Connection pg) throws SQLException {
    try (Statement s = pg.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS pg_walinspect");
    }
  }

  static Mark mark(Connection pg, boolean settle) throws SQLException, InterruptedException {
    if (settle) {
      Thread.sleep(11_000); // PostgreSQL 15 backends report their counts when idle for 10 s
    }
    try (Statement s = pg.createStatement()) {
      s.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT xact_commit + xact_rollback, pg_current_wal_lsn()::text,"
                  + " pg_current_wal_lsn() - '0/0'::pg_lsn"
                  + " FROM pg_stat_database WHERE datname = current_database()")) {
        rs.next();
        return new Mark(rs.getLong(1), rs.getString(2), rs.getLong(3));
      }
    }
  }

  /** Prints the WAL between the marks per {@code unit}, and its largest parts. */
  static void report(Connection pg, String phase, Mark from, Mark to, long count, String unit)
      throws SQLException {
    List<String> lines = new ArrayList<>();
    long bytes = 0;
    long fpi = 0;
    long commits = 0;
    try (PreparedStatement ps = pg.prepareStatement(RECORDS)) {
      ps.setString(1, from.lsn());
      ps.setString(2, to.lsn());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long b = rs.getLong(3);
          long f = rs.getLong(4);
          bytes += b;
          fpi += f;
          if ("commit records".equals(rs.getString(1))) {
            commits = rs.getLong(2);
          }
          lines.add(
              String.format(
                  Locale.ROOT,
                  "    %-36s %8.2f records/%s %8.0f B/%s (of which full pages %6.0f)",
                  rs.getString(1),
                  rs.getLong(2) / (double) count,
                  unit,
                  b / (double) count,
                  unit,
                  f / (double) count));
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%-14s xact %.2f/%s, write commits %.2f/%s, WAL of this database %,.0f B/%s"
            + " (full pages %,.0f), cluster WAL %,.0f B/%s%n",
        phase,
        (to.xact() - from.xact()) / (double) count,
        unit,
        commits / (double) count,
        unit,
        bytes / (double) count,
        unit,
        fpi / (double) count,
        (to.lsnBytes() - from.lsnBytes()) / (double) count,
        unit);
    lines.stream().limit(30).forEach(System.out::println);
  }
}
