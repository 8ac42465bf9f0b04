package dev.baton.store.jdbc;

import dev.baton.series.SeriesMinute;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code series_minutes} table: one row a minute, keyed by the minute's start. */
final class SeriesSql {
  private SeriesSql() {}

  static int put(Connection c, List<SeriesMinute> minutes) throws SQLException {
    if (minutes.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO series_minutes (minute, finished, failed, timed_jobs, timed_millis, queued)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (minute) DO UPDATE SET"
                + " finished = excluded.finished, failed = excluded.failed,"
                + " timed_jobs = excluded.timed_jobs, timed_millis = excluded.timed_millis,"
                + " queued = excluded.queued")) {
      for (SeriesMinute m : minutes) {
        Sql.setInstant(ps, 1, m.minute());
        ps.setLong(2, m.finished());
        ps.setLong(3, m.failed());
        ps.setLong(4, m.timedJobs());
        ps.setLong(5, m.timedMillis());
        Long queued = m.queued();
        if (queued == null) {
          ps.setNull(6, Types.BIGINT);
        } else {
          ps.setLong(6, queued);
        }
        ps.addBatch();
      }
      ps.executeBatch();
      return minutes.size();
    }
  }

  static List<SeriesMinute> range(Connection c, Instant from, Instant to) throws SQLException {
    List<SeriesMinute> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT minute, finished, failed, timed_jobs, timed_millis, queued FROM series_minutes"
                + " WHERE minute >= ? AND minute < ? ORDER BY minute")) {
      Sql.setInstant(ps, 1, from);
      Sql.setInstant(ps, 2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long q = rs.getLong("queued");
          Long queued = rs.wasNull() ? null : q; // wasNull speaks of the last column read
          out.add(
              new SeriesMinute(
                  Sql.requiredInstant(rs, "minute"),
                  rs.getLong("finished"),
                  rs.getLong("failed"),
                  rs.getLong("timed_jobs"),
                  rs.getLong("timed_millis"),
                  queued));
        }
      }
    }
    return out;
  }

  static Optional<Instant> last(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT max(minute) AS m FROM series_minutes");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(Sql.instant(rs, "m")) : Optional.empty();
    }
  }

  static int forget(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM series_minutes WHERE minute < ?")) {
      Sql.setInstant(ps, 1, before);
      return ps.executeUpdate();
    }
  }
}
