package dev.baton.store.jdbc;

import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.Page;
import dev.baton.job.Wait;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code jobs} table: what is filtered or sorted is a column, the rest is the JSON body. The
 * {@code client} column copies the name of the creating client from the attributes (V7), so that a
 * client's own jobs are a page of an index rather than a scan. The attributes, which never change
 * once a job is stored, are a column of their own that only the insert writes (V13): as part of the
 * body, each update serialized and sent them again. A row written before V13 has them in its body.
 */
final class JobSql {
  static final String COLUMNS =
      "id, blueprint, blueprint_version, state, status, priority, parent_job_id,"
          + " created_at, updated_at, wake_at, version, body, attributes";

  /** Fails with a unique violation when the id is taken ({@link Dialect#plainInserts}). */
  static final String INSERT_PLAIN =
      """
      INSERT INTO jobs (blueprint, blueprint_version, state, status, priority, parent_job_id,
                        created_at, updated_at, wake_at, version, body, client, attributes, id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
      """;

  /** Changes nothing (count 0) when the id is taken. */
  static final String INSERT = INSERT_PLAIN + " ON CONFLICT (id) DO NOTHING";

  /**
   * Guard: changes nothing (count 0) unless the stored job is the one this was derived from. The
   * attributes and the client copied from them are the insert's: they never change.
   */
  static final String UPDATE =
      """
      UPDATE jobs SET blueprint = ?, blueprint_version = ?, state = ?, status = ?, priority = ?,
                      parent_job_id = ?, created_at = ?, updated_at = ?, wake_at = ?,
                      version = ?, body = ?
       WHERE id = ? AND version = ?\
      """;

  private JobSql() {}

  /** {@code body} and {@code attributes} are the job's JSON ({@link ChangeJson}), null for none. */
  static void bindInsert(PreparedStatement ps, Job j, String body, @Nullable String attributes)
      throws SQLException {
    bindColumns(ps, j, body);
    Sql.setText(ps, 12, JobQuery.clientOf(j)); // a copy of attributes.client.name
    Sql.setText(ps, 13, attributes);
    ps.setString(14, j.id());
  }

  static void bindUpdate(PreparedStatement ps, Job j, String body) throws SQLException {
    bindColumns(ps, j, body);
    ps.setString(12, j.id());
    ps.setLong(13, j.version() - 1);
  }

  private static void bindColumns(PreparedStatement ps, Job j, String body) throws SQLException {
    ps.setString(1, j.blueprint());
    ps.setInt(2, j.blueprintVersion());
    ps.setString(3, j.state());
    ps.setString(4, j.status().wireName());
    ps.setInt(5, j.priority());
    Sql.setText(ps, 6, j.parentJobId());
    Sql.setInstant(ps, 7, j.createdAt());
    Sql.setInstant(ps, 8, j.updatedAt());
    Sql.setInstant(ps, 9, j.wakeAt());
    ps.setLong(10, j.version());
    ps.setString(11, body);
  }

  static Optional<Job> byId(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE id = ?")) {
      ps.setString(1, id);
      List<Job> found = readAll(ps);
      return found.stream().findFirst();
    }
  }

  /**
   * Newest first; the total counts every match (up to the query's count limit), not just this page.
   * Each filter is an indexed column; the id prefix is a range of the primary key ({@code id >=
   * prefix AND id < next}, where {@code next} is the prefix with its last character moved one up),
   * checked exactly with {@code substr} so that a database collation that is not by code point
   * gives no false match.
   */
  static Page<Job> page(Connection c, JobQuery q) throws SQLException {
    List<String> filters = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    JobStatus status = q.status();
    if (status != null) {
      filters.add("status = ?");
      args.add(status.wireName());
    }
    String blueprint = q.blueprint();
    if (blueprint != null) {
      filters.add("blueprint = ?");
      args.add(blueprint);
    }
    String client = q.client();
    if (client != null) {
      filters.add("client = ?");
      args.add(client);
    }
    Instant from = q.createdFrom();
    if (from != null) {
      filters.add("created_at >= ?");
      args.add(from.toEpochMilli());
    }
    Instant before = q.createdBefore();
    if (before != null) {
      filters.add("created_at < ?");
      args.add(before.toEpochMilli());
    }
    String prefix = q.idPrefix();
    if (prefix != null) {
      filters.add("id >= ?");
      args.add(prefix);
      String next = next(prefix);
      if (next != null) {
        filters.add("id < ?");
        args.add(next);
      }
      filters.add("substr(id, 1, ?) = ?");
      args.add(
          prefix.codePointCount(
              0, prefix.length())); // an int: PostgreSQL has no substr(text, bigint)
      args.add(prefix);
    }
    String where = filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters);
    String select =
        "SELECT "
            + COLUMNS
            + " FROM jobs"
            + where
            + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
    List<Job> items;
    try (PreparedStatement ps = c.prepareStatement(select)) {
      int i = bind(ps, args);
      ps.setInt(i, q.limit());
      ps.setInt(i + 1, q.offset());
      items = readAll(ps);
    }
    // A capped count stops reading the index at the cap instead of counting every match.
    String count =
        q.countLimit() > 0
            ? "SELECT count(*) FROM (SELECT 1 FROM jobs" + where + " LIMIT ?) AS capped"
            : "SELECT count(*) FROM jobs" + where;
    try (PreparedStatement ps = c.prepareStatement(count)) {
      int i = bind(ps, args);
      if (q.countLimit() > 0) {
        ps.setLong(i, q.countLimit());
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Page<>(items, rs.getLong(1));
      }
    }
  }

  /** Jobs whose wake-up time has come, earliest first. */
  static List<Job> due(Connection c, Instant now, int limit) throws SQLException {
    String sql =
        """
        SELECT %s FROM jobs
         WHERE wake_at IS NOT NULL AND wake_at <= ?
         ORDER BY wake_at, created_at, id
         LIMIT ?\
        """
            .formatted(COLUMNS);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, now.toEpochMilli());
      ps.setInt(2, limit);
      return readAll(ps);
    }
  }

  static Map<JobStatus, Long> countByStatus(Connection c) throws SQLException {
    String sql = "SELECT status, count(*) FROM jobs GROUP BY status";
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        counts.put(JobStatus.fromWire(rs.getString(1)), rs.getLong(2));
      }
    }
    return counts;
  }

  private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i) instanceof Long n) {
        ps.setLong(i + 1, n);
      } else if (args.get(i) instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else {
        ps.setString(i + 1, (String) args.get(i));
      }
    }
    return args.size() + 1;
  }

  /** The least string above every string that starts with {@code prefix}, or null if none. */
  private static @Nullable String next(String prefix) {
    int last = prefix.codePointBefore(prefix.length());
    if (last == Character.MAX_CODE_POINT) {
      return null;
    }
    int cut = prefix.length() - Character.charCount(last);
    int up = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
    return prefix.substring(0, cut) + Character.toString(up);
  }

  static List<Job> readAll(PreparedStatement ps) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        jobs.add(read(rs));
      }
    }
    return jobs;
  }

  private static Job read(ResultSet rs) throws SQLException {
    Map<String, Object> body = Json.read(rs.getString("body"));
    String attributes = rs.getString("attributes"); // null: none, or a row from before V13
    Object wait = body.get("wait");
    return new Job(
        rs.getString("id"),
        rs.getString("blueprint"),
        rs.getInt("blueprint_version"),
        rs.getString("state"),
        JobStatus.fromWire(rs.getString("status")),
        Json.map(body, "initial_data"),
        Json.map(body, "data"),
        rs.getInt("priority"),
        Json.integerOr(body, "retry_count", 0),
        Sql.requiredInstant(rs, "created_at"),
        Sql.requiredInstant(rs, "updated_at"),
        Sql.instant(rs, "wake_at"),
        rs.getString("parent_job_id"),
        Json.optString(body, "error_message"),
        Json.optString(body, "failed_state"),
        wait == null ? null : WaitJson.fromMap(Json.map(body, "wait")),
        Json.map(body, "aggregation_results"),
        JobAttributes.fromMap(
            attributes == null ? Json.map(body, "attributes") : Json.read(attributes)),
        rs.getLong("version"),
        body.get("last_wait") == null ? null : WaitJson.fromMap(Json.map(body, "last_wait")));
  }

  /** The {@code body} column of the job. */
  static String bodyJson(Job j) {
    return Json.write(body(j));
  }

  /**
   * What is empty or the default is left out (and read back as such). What changes as the job moves
   * comes first and what rarely changes (the initial data, edited only by a resume) last:
   * PostgreSQL logs an update that stays on its page without the bytes the old and new row share at
   * their start and end. The attributes are not in the body: they have their column.
   */
  private static Map<String, @Nullable Object> body(Job j) {
    Wait wait = j.awaiting();
    Wait last = j.lastWait();
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    Json.putUnlessDefault(m, "data", j.data(), null);
    Json.putUnlessDefault(m, "retry_count", j.retryCount(), 0);
    Json.putUnlessDefault(m, "error_message", j.errorMessage(), null);
    Json.putUnlessDefault(m, "failed_state", j.failedState(), null);
    Json.putUnlessDefault(m, "wait", wait == null ? null : WaitJson.toMap(wait), null);
    Json.putUnlessDefault(m, "aggregation_results", j.aggregationResults(), null);
    Json.putUnlessDefault(m, "last_wait", last == null ? null : WaitJson.toMap(last), null);
    Json.putUnlessDefault(m, "initial_data", j.initialData(), null);
    return m;
  }
}
