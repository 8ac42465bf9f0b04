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

/**
 * The {@code schedules}, {@code schedule_states} and {@code schedule_runs} tables. A schedule is
 * two rows: {@code schedules} holds what an operator writes (name, definition as the JSON body,
 * owner), {@code schedule_states} where it stands (next fire, last run, run count, queued fire) and
 * the guard (version). A fire writes only the narrow state row, in place of rewriting the body: on
 * PostgreSQL the schedule's share of a fire's WAL fell from about 965 to about 410 bytes (issue 16,
 * {@code bench schedules postgres}). The state row's one index besides its key is the due index on
 * {@code next_run_at}, which a fire must move.
 */
final class ScheduleSql {
  private static final String COLUMNS =
      "s.id, s.body, s.owner, t.since, t.next_run_at, t.last_run_at, t.last_job_id, t.run_count,"
          + " t.queued_fire, t.updated_at, t.version"
          + " FROM schedules s JOIN schedule_states t ON t.schedule_id = s.id";

  // ON CONFLICT DO NOTHING covers the id and the unique name: a duplicate counts 0 rows, which
  // fails the guard instead of the whole group commit.
  static final String INSERT =
      "INSERT INTO schedules (id, name, body, owner) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

  static final String INSERT_STATE =
      "INSERT INTO schedule_states (schedule_id, enabled, since, next_run_at, last_run_at,"
          + " last_job_id, run_count, queued_fire, updated_at, version)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  /** An edit's state, guarded; its body follows ({@link #UPDATE_BODY}). */
  static final String UPDATE =
      "UPDATE schedule_states SET enabled = ?, since = ?, next_run_at = ?, last_run_at = ?,"
          + " last_job_id = ?, run_count = ?, queued_fire = ?, updated_at = ?, version = ?"
          + " WHERE schedule_id = ? AND version = ?";

  static final String UPDATE_BODY = "UPDATE schedules SET name = ?, body = ? WHERE id = ?";

  /** A fire: the state row alone, its enabled flag (an edit's) left as it is. */
  static final String ADVANCE =
      "UPDATE schedule_states SET since = ?, next_run_at = ?, last_run_at = ?, last_job_id = ?,"
          + " run_count = ?, queued_fire = ?, updated_at = ?, version = ?"
          + " WHERE schedule_id = ? AND version = ?";

  static final String DELETE = "DELETE FROM schedule_states WHERE schedule_id = ? AND version = ?";

  static final String DELETE_BODY = "DELETE FROM schedules WHERE id = ?";

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
    ps.setString(3, body);
    Sql.setText(ps, 4, s.owner()); // written once: an update never changes the owner
  }

  static void bindInsertState(PreparedStatement ps, Schedule s) throws SQLException {
    ps.setString(1, s.id());
    ps.setInt(2, s.enabled() ? 1 : 0);
    bindState(ps, 3, s);
  }

  static void bindUpdate(PreparedStatement ps, Schedule s) throws SQLException {
    ps.setInt(1, s.enabled() ? 1 : 0);
    int at = bindState(ps, 2, s);
    ps.setString(at, s.id());
    ps.setLong(at + 1, s.version() - 1);
  }

  static void bindUpdateBody(PreparedStatement ps, Schedule s, String body) throws SQLException {
    ps.setString(1, s.name());
    ps.setString(2, body);
    ps.setString(3, s.id());
  }

  static void bindAdvance(PreparedStatement ps, Schedule s) throws SQLException {
    int at = bindState(ps, 1, s);
    ps.setString(at, s.id());
    ps.setLong(at + 1, s.version() - 1);
  }

  /** Binds since through version from {@code at}; returns the next parameter's index. */
  private static int bindState(PreparedStatement ps, int at, Schedule s) throws SQLException {
    Sql.setInstant(ps, at, s.since());
    Sql.setInstant(ps, at + 1, s.nextRunAt());
    Sql.setInstant(ps, at + 2, s.lastRunAt());
    Sql.setText(ps, at + 3, s.lastJobId());
    ps.setLong(at + 4, s.runCount());
    Sql.setInstant(ps, at + 5, s.queuedFire());
    Sql.setInstant(ps, at + 6, s.updatedAt());
    ps.setLong(at + 7, s.version());
    return at + 8;
  }

  static void bindDeleteBody(PreparedStatement ps, String id) throws SQLException {
    ps.setString(1, id);
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
    return query(c, "SELECT " + COLUMNS + " WHERE s.id = ?", id).stream().findFirst();
  }

  static Optional<Schedule> byName(Connection c, String name) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " WHERE s.name = ?", name).stream().findFirst();
  }

  static List<Schedule> all(Connection c) throws SQLException {
    return query(c, "SELECT " + COLUMNS + " ORDER BY s.name");
  }

  static List<Schedule> due(Connection c, Instant now, int limit) throws SQLException {
    // Two halves: fires that have come (the partial index on next_run_at), and fires that wait
    // for a previous run (few; a queued fire is at most one per schedule).
    return query(
        c,
        "SELECT "
            + COLUMNS
            + " WHERE t.enabled = 1 AND (t.next_run_at <= ? OR t.queued_fire IS NOT NULL)"
            + " ORDER BY t.next_run_at, t.schedule_id LIMIT ?",
        now.toEpochMilli(),
        limit);
  }

  static Optional<Instant> nextFire(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT MIN(next_run_at) FROM schedule_states WHERE enabled = 1");
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
          out.add(read(rs, Json.read(rs.getString("body"))));
        }
      }
    }
    return out;
  }

  /**
   * The {@code body} column of the schedule: its definition and creation time, which only an
   * operator changes. (Rows written before V18 also hold the state; a reader ignores it there.)
   */
  static String bodyJson(Schedule s) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("definition", s.definition().toMap());
    b.put("created_at", s.createdAt().toEpochMilli());
    return Json.write(b);
  }

  private static Schedule read(ResultSet rs, Map<String, Object> b) throws SQLException {
    Instant created = Instant.ofEpochMilli(Json.longValue(b, "created_at"));
    ScheduleDefinition def =
        ScheduleDefinition.parse(null, Json.map(b, "definition"), ZoneOffset.UTC, created);
    return new Schedule(
        rs.getString("id"),
        def,
        Sql.requiredInstant(rs, "since"),
        Sql.instant(rs, "next_run_at"),
        Sql.instant(rs, "last_run_at"),
        rs.getString("last_job_id"),
        rs.getLong("run_count"),
        Sql.instant(rs, "queued_fire"),
        created,
        Sql.requiredInstant(rs, "updated_at"),
        rs.getLong("version"),
        rs.getString("owner"));
  }
}
