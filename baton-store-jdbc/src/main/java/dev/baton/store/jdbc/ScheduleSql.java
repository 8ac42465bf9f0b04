package dev.baton.store.jdbc;

import dev.baton.job.JobStatus;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleDefinition;
import dev.baton.schedule.ScheduleRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code schedules} and {@code schedule_runs} tables. Columns hold what the scheduler filters
 * on (enabled, next fire, a queued fire) and the guard (version); the body holds the rest.
 */
final class ScheduleSql {
  private static final String COLUMNS =
      "id, name, enabled, next_run_at, queued, version, body, owner";

  // ON CONFLICT DO NOTHING covers the id and the unique name: a duplicate counts 0 rows, which
  // fails the guard instead of the whole group commit.
  static final String INSERT =
      "INSERT INTO schedules ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  static final String UPDATE =
      "UPDATE schedules SET name = ?, enabled = ?, next_run_at = ?, queued = ?, version = ?,"
          + " body = ? WHERE id = ? AND version = ?";

  static final String DELETE = "DELETE FROM schedules WHERE id = ? AND version = ?";

  static final String INSERT_RUN =
      "INSERT INTO schedule_runs (schedule_id, fire_at, fired_at, outcome, job_id, reason)"
          + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  static final String UPDATE_RUN =
      "UPDATE schedule_runs SET fired_at = ?, outcome = ?, job_id = ?, reason = ?"
          + " WHERE schedule_id = ? AND fire_at = ?";

  private ScheduleSql() {}

  /**
   * {@code body} is {@link #bodyJson}'s, written before the writer binds it ({@link ChangeJson}).
   */
  static void bindInsert(PreparedStatement ps, Schedule s, String body) throws SQLException {
    ps.setString(1, s.id());
    ps.setString(2, s.name());
    ps.setInt(3, s.enabled() ? 1 : 0);
    Sql.setInstant(ps, 4, s.nextRunAt());
    ps.setInt(5, s.queuedFire() == null ? 0 : 1);
    ps.setLong(6, s.version());
    ps.setString(7, body);
    Sql.setText(ps, 8, s.owner()); // written once: an update never changes the owner
  }

  static void bindUpdate(PreparedStatement ps, Schedule s, String body) throws SQLException {
    ps.setString(1, s.name());
    ps.setInt(2, s.enabled() ? 1 : 0);
    Sql.setInstant(ps, 3, s.nextRunAt());
    ps.setInt(4, s.queuedFire() == null ? 0 : 1);
    ps.setLong(5, s.version());
    ps.setString(6, body);
    ps.setString(7, s.id());
    ps.setLong(8, s.version() - 1);
  }

  static void bindDelete(PreparedStatement ps, String id, long version) throws SQLException {
    ps.setString(1, id);
    ps.setLong(2, version);
  }

  static void bindInsertRun(PreparedStatement ps, ScheduleRun r) throws SQLException {
    ps.setString(1, r.scheduleId());
    Sql.setInstant(ps, 2, r.fireAt());
    Sql.setInstant(ps, 3, r.firedAt());
    ps.setString(4, r.outcome().wireName());
    Sql.setText(ps, 5, r.jobId());
    Sql.setText(ps, 6, r.reason());
  }

  static void bindUpdateRun(PreparedStatement ps, ScheduleRun r) throws SQLException {
    Sql.setInstant(ps, 1, r.firedAt());
    ps.setString(2, r.outcome().wireName());
    Sql.setText(ps, 3, r.jobId());
    Sql.setText(ps, 4, r.reason());
    ps.setString(5, r.scheduleId());
    Sql.setInstant(ps, 6, r.fireAt());
  }

  static Optional<Schedule> byId(Connection c, String id) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM schedules WHERE id = ?", id).stream().findFirst();
  }

  static Optional<Schedule> byName(Connection c, String name) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM schedules WHERE name = ?", name).stream()
        .findFirst();
  }

  static List<Schedule> all(Connection c) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " FROM schedules ORDER BY name");
  }

  static List<Schedule> due(Connection c, Instant now, int limit) throws SQLException {
    // Two index-friendly halves: fires that have come (the partial index on next_run_at), and
    // fires that wait for a previous run (few; a queued fire is at most one per schedule).
    return query(
        c,
        "SELECT "
            + COLUMNS
            + " FROM schedules WHERE enabled = 1 AND (next_run_at <= ? OR queued = 1)"
            + " ORDER BY next_run_at, id LIMIT ?",
        now.toEpochMilli(),
        limit);
  }

  static Optional<Instant> nextFire(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT MIN(next_run_at) FROM schedules WHERE enabled = 1");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        long millis = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
      }
      return Optional.empty();
    }
  }

  private static final String RUN_COLUMNS =
      "r.schedule_id, r.fire_at, r.fired_at, r.outcome, r.job_id, r.reason";

  static List<ScheduleRun> runs(Connection c, String scheduleId, int limit) throws SQLException {
    return readRuns(
        c,
        "SELECT "
            + RUN_COLUMNS
            + " FROM schedule_runs r WHERE r.schedule_id = ? ORDER BY r.fire_at DESC LIMIT ?",
        scheduleId,
        limit);
  }

  /** Runs since a time that could not start or whose job failed; see the store's contract. */
  static List<ScheduleRun> failedRuns(Connection c, Instant since, int limit) throws SQLException {
    return readRuns(
        c,
        "SELECT "
            + RUN_COLUMNS
            + " FROM schedule_runs r LEFT JOIN jobs j ON j.id = r.job_id"
            + " WHERE r.fire_at >= ? AND (r.outcome = 'failed'"
            + " OR j.status IN ('failed', 'quarantined')) ORDER BY r.fire_at DESC LIMIT ?",
        since.toEpochMilli(),
        limit);
  }

  private static List<ScheduleRun> readRuns(Connection c, String sql, Object... args)
      throws SQLException {
    List<ScheduleRun> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new ScheduleRun(
                  rs.getString("schedule_id"),
                  Sql.requiredInstant(rs, "fire_at"),
                  Sql.requiredInstant(rs, "fired_at"),
                  ScheduleRun.Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)),
                  rs.getString("job_id"),
                  rs.getString("reason")));
        }
      }
    }
    return out;
  }

  static Map<JobStatus, Long> runStatuses(Connection c, String scheduleId) throws SQLException {
    String sql =
        "SELECT j.status, COUNT(*) FROM schedule_runs r JOIN jobs j ON j.id = r.job_id"
            + " WHERE r.schedule_id = ? GROUP BY j.status";
    Map<JobStatus, Long> out = new EnumMap<>(JobStatus.class);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, scheduleId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(JobStatus.fromWire(rs.getString(1)), rs.getLong(2));
        }
      }
    }
    return out;
  }

  private static List<Schedule> query(Connection c, String sql, Object... args)
      throws SQLException {
    List<Schedule> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              read(
                  rs.getString("id"),
                  rs.getLong("version"),
                  Json.read(rs.getString("body")),
                  rs.getString("owner")));
        }
      }
    }
    return out;
  }

  /** The {@code body} column of the schedule. */
  static String bodyJson(Schedule s) {
    return Json.write(body(s));
  }

  private static Map<String, Object> body(Schedule s) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("definition", s.definition().toMap());
    b.put("since", s.since().toEpochMilli());
    b.put("next_run_at", millis(s.nextRunAt()));
    b.put("last_run_at", millis(s.lastRunAt()));
    b.put("last_job_id", s.lastJobId());
    b.put("run_count", s.runCount());
    b.put("queued_fire", millis(s.queuedFire()));
    b.put("created_at", s.createdAt().toEpochMilli());
    b.put("updated_at", s.updatedAt().toEpochMilli());
    return b;
  }

  private static Schedule read(
      String id, long version, Map<String, Object> b, @Nullable String owner) {
    Instant created = Instant.ofEpochMilli(Json.longValue(b, "created_at"));
    ScheduleDefinition def =
        ScheduleDefinition.parse(null, Json.map(b, "definition"), ZoneOffset.UTC, created);
    return new Schedule(
        id,
        def,
        Instant.ofEpochMilli(Json.longValue(b, "since")),
        instant(Json.optLong(b, "next_run_at")),
        instant(Json.optLong(b, "last_run_at")),
        Json.optString(b, "last_job_id"),
        Json.longValue(b, "run_count"),
        instant(Json.optLong(b, "queued_fire")),
        created,
        Instant.ofEpochMilli(Json.longValue(b, "updated_at")),
        version,
        owner);
  }

  private static @Nullable Long millis(@Nullable Instant t) {
    return t == null ? null : t.toEpochMilli();
  }

  private static @Nullable Instant instant(@Nullable Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
