package dev.baton.store.jdbc;

import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.store.TaskClaim;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tasks} table. {@code type} and {@code priority} are copies of the spec's, for the
 * claim index; the spec itself is JSON.
 */
final class TaskSql {
  static final String COLUMNS =
      "id, job_id, spec, attempt, status, worker_id, lease_until, visible_at, deadline, created_at";

  /** Fails with a unique violation when the id is taken ({@link Dialect#plainInserts}). */
  static final String INSERT_PLAIN =
      """
      INSERT INTO tasks (id, job_id, type, status, priority, attempt, worker_id, lease_until,
                         visible_at, deadline, created_at, spec)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
      """;

  /** Changes nothing (count 0) when the id is taken. */
  static final String INSERT = INSERT_PLAIN + " ON CONFLICT (id) DO NOTHING";

  /**
   * Guard: changes nothing (count 0) unless the task is in a status the target may come from. Those
   * statuses fill the IN list, padded with NULL, which matches nothing.
   */
  static final String MOVE =
      "UPDATE tasks SET status = ? WHERE id = ? AND status IN ("
          + Sql.placeholders(TaskStatus.values().length)
          + ")";

  static final String RENEW_LEASES =
      "UPDATE tasks SET lease_until = ? WHERE worker_id = ? AND status = 'leased'";

  private TaskSql() {}

  /** {@code spec} is the task's spec as JSON ({@link ChangeJson}). */
  static void bindInsert(PreparedStatement ps, Task t, String spec) throws SQLException {
    ps.setString(1, t.id());
    ps.setString(2, t.jobId());
    ps.setString(3, t.type());
    ps.setString(4, t.status().wireName());
    ps.setInt(5, t.spec().priority());
    ps.setInt(6, t.attempt());
    Sql.setText(ps, 7, t.workerId());
    Sql.setInstant(ps, 8, t.leaseUntil());
    Sql.setInstant(ps, 9, t.visibleAt());
    Sql.setInstant(ps, 10, t.deadline());
    Sql.setInstant(ps, 11, t.createdAt());
    ps.setString(12, spec);
  }

  static void bindMove(PreparedStatement ps, String taskId, TaskStatus to, Set<TaskStatus> allowed)
      throws SQLException {
    ps.setString(1, to.wireName());
    ps.setString(2, taskId);
    List<TaskStatus> from = List.copyOf(allowed);
    for (int i = 0; i < TaskStatus.values().length; i++) {
      Sql.setText(ps, 3 + i, i < from.size() ? from.get(i).wireName() : null);
    }
  }

  static List<Task> claim(Connection c, Dialect dialect, TaskClaim claim, TurnsSeen turns)
      throws SQLException {
    Set<String> open = new LinkedHashSet<>(claim.taskTypes());
    int limit = claim.limit();
    // Counted in this transaction, under the type's lock: exact across nodes. A capped type takes
    // at most its room; the claim's whole limit is bounded by the smallest room, which is simple
    // and errs on the low side (the caller asks again).
    TypeCaps caps = new TypeCaps(c, dialect, claim.caps());
    for (String type : claim.taskTypes()) {
      if (claim.caps().containsKey(type)) {
        long room = caps.room(type);
        if (room <= 0) {
          open.remove(type);
        } else {
          limit = (int) Math.min(limit, room);
        }
      }
    }
    List<String> types = List.copyOf(open);
    if (types.isEmpty()) {
      return List.of();
    }
    record Claimed(long seq, Task task, @Nullable String client) {}
    List<Claimed> claimed = new ArrayList<>();
    boolean fair = turns.any(c);
    try (PreparedStatement ps = c.prepareStatement(claimSql(dialect, types.size(), fair))) {
      int i = 1;
      ps.setString(i++, claim.workerId());
      ps.setLong(i++, claim.leaseUntil().toEpochMilli());
      for (String type : types) {
        ps.setString(i++, type);
      }
      ps.setString(i++, claim.workerId());
      ps.setLong(i++, claim.now().toEpochMilli());
      if (fair) {
        ps.setInt(i++, fairWindow(limit));
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(new Claimed(rs.getLong("seq"), read(rs), rs.getString("client")));
        }
      }
    }
    // Fair share: the clients served go after the others. Tasks of no client record nothing, and
    // a client already the most recently served writes nothing (see CounterSql.served).
    List<String> served = new ArrayList<>();
    for (Claimed x : claimed) {
      if (x.client() != null && !served.contains(x.client())) {
        served.add(x.client());
      }
    }
    if (!served.isEmpty()) {
      CounterSql.served(c, dialect, served);
      turns.saw();
    }
    // RETURNING keeps no order: restore the claim order.
    return claimed.stream()
        .sorted(
            Comparator.comparingInt((Claimed x) -> -x.task().spec().priority())
                .thenComparing(x -> x.task().visibleAt())
                .thenComparing(x -> x.task().createdAt())
                .thenComparingLong(Claimed::seq))
        .map(Claimed::task)
        .toList();
  }

  /**
   * How many tasks at the head of the queue a claim of {@code limit} chooses among: room for
   * another node's claim of as many, and for other clients' tasks behind one client's run.
   */
  static int fairWindow(int limit) {
    return 4 * limit + 32;
  }

  /**
   * Leases up to the limit visible, queued tasks of the given types that are unassigned or assigned
   * to the claimer, highest priority first, then (fair share) the client served least recently
   * ({@code client_turns}; a job with no client counts as never served), then oldest. It chooses
   * among the head of the queue ({@link #fairWindow}, read by the claim index), so the join with
   * jobs and turns reads that many rows whatever the queue's depth. Parameters: worker, lease
   * until, the {@code typeCount} types, worker, now, window, limit. Returns {@link #COLUMNS},
   * {@code seq} and the job's {@code client}, in no particular order. Until any client has a turn
   * ({@code fair} false, see {@link TurnsSeen}) it is the plain claim in queue order, without the
   * window parameter. On SQLite the writer's transaction is the only writer, so no row locks are
   * needed; on PostgreSQL {@link Dialect#skipLockedOf} keeps concurrent claimers off each other's
   * tasks.
   */
  private static String claimSql(Dialect dialect, int typeCount, boolean fair) {
    if (!fair) {
      return """
      UPDATE tasks SET status = 'leased', worker_id = ?, lease_until = ?
       WHERE id IN (
         SELECT id FROM tasks
          WHERE status = 'queued' AND type IN (%s)
            AND (worker_id IS NULL OR worker_id = ?) AND visible_at <= ?
          ORDER BY priority DESC, visible_at, created_at, seq
          LIMIT ?%s)
      RETURNING seq, %s, (SELECT client FROM jobs WHERE jobs.id = tasks.job_id) AS client\
      """
          .formatted(Sql.placeholders(typeCount), dialect.skipLocked(), COLUMNS);
    }
    return """
    UPDATE tasks SET status = 'leased', worker_id = ?, lease_until = ?
     WHERE id IN (
       SELECT t.id FROM tasks t
         JOIN jobs j ON j.id = t.job_id
         LEFT JOIN client_turns ct ON ct.client = j.client
        WHERE t.status = 'queued' AND t.id IN (
          SELECT id FROM tasks
           WHERE status = 'queued' AND type IN (%s)
             AND (worker_id IS NULL OR worker_id = ?) AND visible_at <= ?
           ORDER BY priority DESC, visible_at, created_at, seq
           LIMIT ?)
        ORDER BY t.priority DESC, COALESCE(ct.turn, 0), t.visible_at, t.created_at, t.seq
        LIMIT ?%s)
    RETURNING seq, %s, (SELECT client FROM jobs WHERE jobs.id = tasks.job_id) AS client\
    """
        .formatted(Sql.placeholders(typeCount), dialect.skipLockedOf("t"), COLUMNS);
  }

  static Optional<Task> byId(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM tasks WHERE id = ?")) {
      ps.setString(1, id);
      return readAll(ps).stream().findFirst();
    }
  }

  /** Oldest first. */
  static List<Task> ofJob(Connection c, String jobId) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM tasks WHERE job_id = ? ORDER BY created_at, seq";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, jobId);
      return readAll(ps);
    }
  }

  /** Open tasks whose lease ran out or whose deadline passed. */
  static List<Task> expired(Connection c, Instant now, int limit) throws SQLException {
    String sql =
        """
        SELECT %s FROM tasks
         WHERE (status = 'leased' AND lease_until <= ?)
            OR (status IN ('queued', 'leased') AND deadline <= ?)
         ORDER BY COALESCE(deadline, lease_until), seq
         LIMIT ?\
        """
            .formatted(COLUMNS);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, now.toEpochMilli());
      ps.setLong(2, now.toEpochMilli());
      ps.setInt(3, limit);
      return readAll(ps);
    }
  }

  static List<Task> leasedTo(Connection c, String workerId) throws SQLException {
    String sql =
        "SELECT %s FROM tasks WHERE worker_id = ? AND status = 'leased'".formatted(COLUMNS);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, workerId);
      return readAll(ps);
    }
  }

  static int renewLeases(Connection c, String workerId, Instant leaseUntil) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RENEW_LEASES)) {
      ps.setLong(1, leaseUntil.toEpochMilli());
      ps.setString(2, workerId);
      return ps.executeUpdate();
    }
  }

  static List<Task> readAll(PreparedStatement ps) throws SQLException {
    List<Task> tasks = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        tasks.add(read(rs));
      }
    }
    return tasks;
  }

  private static Task read(ResultSet rs) throws SQLException {
    return new Task(
        rs.getString("id"),
        rs.getString("job_id"),
        TaskSpecJson.fromMap(Json.read(rs.getString("spec"))),
        rs.getInt("attempt"),
        TaskStatus.fromWire(rs.getString("status")),
        rs.getString("worker_id"),
        Sql.instant(rs, "lease_until"),
        Sql.requiredInstant(rs, "visible_at"),
        Sql.instant(rs, "deadline"),
        Sql.requiredInstant(rs, "created_at"));
  }
}
