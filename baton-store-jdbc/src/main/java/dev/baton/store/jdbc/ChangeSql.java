package dev.baton.store.jdbc;

import dev.baton.store.Change;
import dev.baton.store.Change.AdvanceSchedule;
import dev.baton.store.Change.AppendLedger;
import dev.baton.store.Change.AppendTransition;
import dev.baton.store.Change.DeleteSchedule;
import dev.baton.store.Change.EnqueueNotice;
import dev.baton.store.Change.Fence;
import dev.baton.store.Change.InsertJob;
import dev.baton.store.Change.InsertSchedule;
import dev.baton.store.Change.InsertScheduleRun;
import dev.baton.store.Change.InsertTask;
import dev.baton.store.Change.MoveTask;
import dev.baton.store.Change.Op;
import dev.baton.store.Change.UpdateJob;
import dev.baton.store.Change.UpdateSchedule;
import dev.baton.store.Change.UpdateScheduleRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Applies the changes of one group commit inside the writer's transaction.
 *
 * <p>The changes of a batch were submitted concurrently, so any order of them is a correct one.
 * Consecutive changes that touch different jobs and tasks form a group whose operations run as one
 * JDBC batch per kind (inserted jobs, updated jobs, inserted tasks, moved tasks, transitions, which
 * are ledger entries): a handful of round trips instead of one per operation. If any guard in the
 * group fails, the group is rolled back to its savepoint and its changes run one by one, each under
 * its own savepoint, so only the change whose guard failed is undone.
 *
 * <p>With {@code plain} inserts ({@link Dialect#plainInserts}) a job or task whose id is taken
 * fails its INSERT with a unique violation instead of counting 0; that too is a failed guard: the
 * savepoint before it is rolled back (which PostgreSQL needs before the transaction can go on).
 */
final class ChangeSql {
  private ChangeSql() {}

  static void applyAll(Connection c, List<WriteRequest.Commit> commits, boolean plain)
      throws SQLException {
    for (List<WriteRequest.Commit> group : groups(commits)) {
      if ((group.size() > 1 || isBulk(group.get(0).change)) && applyTogether(c, group, plain)) {
        group.forEach(r -> r.result(true));
      } else {
        for (WriteRequest.Commit r : group) {
          r.result(applyAlone(c, r.change, r.json, plain));
        }
      }
    }
  }

  /**
   * A change of many rows, each touched once (a bulk create): its ops run as one JDBC batch per
   * kind, as a group of changes does, rather than one round trip each.
   */
  private static boolean isBulk(Change change) {
    // One job's step is a handful of ops; batching pays once a change holds many jobs' worth.
    return change.ops().size() > 16 && rowsOf(change) != null;
  }

  /** One change, op by op: true if every guard held, else false with the change undone. */
  static boolean applyAlone(Connection c, Change change) throws SQLException {
    return applyAlone(c, change, ChangeJson.of(change), false);
  }

  /** Like {@link #applyAlone(Connection, Change)}, with the change's JSON written already. */
  static boolean applyAlone(Connection c, Change change, ChangeJson json, boolean plain)
      throws SQLException {
    if (change.ops().size() == 1
        && then(change.ops().get(0)) == null
        && !(plain && isInsert(change.ops().get(0)))) {
      return applyBatch(c, change.ops(), json, plain); // a failed guard changed nothing
    }
    Savepoint before = c.setSavepoint();
    try {
      for (Op op : change.ops()) {
        if (!applyBatch(c, List.of(op), json, plain)) {
          c.rollback(before);
          return false;
        }
      }
    } catch (SQLException e) {
      if (!plain || !takenId(e)) {
        throw e;
      }
      c.rollback(before);
      return false;
    }
    c.releaseSavepoint(before);
    return true;
  }

  private static boolean isInsert(Op op) {
    return op instanceof InsertJob || op instanceof InsertTask;
  }

  /** A unique violation (SQLState 23505), anywhere in a batch's chain of exceptions. */
  private static boolean takenId(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if ("23505".equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean applyTogether(Connection c, List<WriteRequest.Commit> group, boolean plain)
      throws SQLException {
    List<Op> ops = new ArrayList<>();
    group.forEach(r -> ops.addAll(r.change.ops()));
    ChangeJson json = ChangeJson.union(group.stream().map(r -> r.json).toList());
    // By kind, then by row, so that every Baton process locks rows in the same order and two
    // group commits on one PostgreSQL cannot deadlock. Stable: transitions keep their order.
    ops.sort(Comparator.comparingInt(ChangeSql::rank).thenComparing(ChangeSql::row));
    Savepoint before = c.setSavepoint();
    try {
      int from = 0;
      while (from < ops.size()) {
        int to = from;
        while (to < ops.size() && rank(ops.get(to)) == rank(ops.get(from))) {
          to++;
        }
        if (!applyBatch(c, ops.subList(from, to), json, plain)) {
          c.rollback(before);
          return false;
        }
        from = to;
      }
    } catch (SQLException e) {
      if (!plain || !takenId(e)) {
        throw e;
      }
      c.rollback(before); // then each change alone: only the one whose id is taken fails
      return false;
    }
    c.releaseSavepoint(before);
    return true;
  }

  /**
   * Ops of one kind as one JDBC batch, and then the batch of their second statement if they have
   * one ({@link #then}); true if each statement changed exactly one row.
   */
  private static boolean applyBatch(Connection c, List<Op> ops, ChangeJson json, boolean plain)
      throws SQLException {
    if (!execute(c, sql(ops.get(0), plain), ops, (ps, op) -> bind(ps, op, json))) {
      return false;
    }
    String then = then(ops.get(0));
    return then == null || execute(c, then, ops, (ps, op) -> bindThen(ps, op, json));
  }

  private interface Binder {
    void bind(PreparedStatement ps, Op op) throws SQLException;
  }

  private static boolean execute(Connection c, String sql, List<Op> ops, Binder binder)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Op op : ops) {
        binder.bind(ps, op);
        ps.addBatch();
      }
      for (int count : ps.executeBatch()) {
        if (count != 1) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The second statement of an op that writes a schedule's row and its state row (a fire writes the
   * state row alone: {@link AdvanceSchedule}); null for an op of one statement. The first statement
   * holds the guard, so the second runs only when the guard held.
   */
  private static @Nullable String then(Op op) {
    return switch (op) {
      case InsertSchedule i -> ScheduleSql.INSERT_STATE;
      case UpdateSchedule u -> ScheduleSql.UPDATE_BODY;
      case DeleteSchedule d -> ScheduleSql.DELETE_BODY;
      default -> null;
    };
  }

  private static void bindThen(PreparedStatement ps, Op op, ChangeJson json) throws SQLException {
    switch (op) {
      case InsertSchedule i -> ScheduleSql.bindInsertState(ps, i.schedule());
      case UpdateSchedule u ->
          ScheduleSql.bindUpdateBody(ps, u.schedule(), json.required(op).json());
      case DeleteSchedule d -> ScheduleSql.bindDeleteBody(ps, d.id());
      default -> throw new IllegalArgumentException("one statement: " + op);
    }
  }

  private static String sql(Op op, boolean plain) {
    return switch (op) {
      case InsertJob i -> plain ? JobSql.INSERT_PLAIN : JobSql.INSERT;
      case UpdateJob u -> JobSql.UPDATE;
      case InsertTask i -> plain ? TaskSql.INSERT_PLAIN : TaskSql.INSERT;
      case MoveTask m -> TaskSql.MOVE;
      case AppendTransition a -> LedgerSql.INSERT;
      case EnqueueNotice n -> NoticeSql.INSERT;
      case InsertSchedule i -> ScheduleSql.INSERT;
      case UpdateSchedule u -> ScheduleSql.UPDATE;
      case AdvanceSchedule a -> ScheduleSql.ADVANCE;
      case DeleteSchedule d -> ScheduleSql.DELETE;
      case InsertScheduleRun r -> ScheduleSql.INSERT_RUN;
      case UpdateScheduleRun r -> ScheduleSql.UPDATE_RUN;
      case AppendLedger l -> LedgerSql.INSERT;
      case Fence f -> ClusterSql.FENCE;
    };
  }

  /** Binds what the op writes; its JSON comes written already from {@code json}. */
  private static void bind(PreparedStatement ps, Op op, ChangeJson json) throws SQLException {
    switch (op) {
      case InsertJob i -> {
        ChangeJson.Texts t = json.required(op);
        JobSql.bindInsert(ps, i.job(), t.json(), t.more());
      }
      case UpdateJob u -> JobSql.bindUpdate(ps, u.job(), json.required(op).json());
      case InsertTask i -> TaskSql.bindInsert(ps, i.task(), json.required(op).json());
      case MoveTask m -> TaskSql.bindMove(ps, m.taskId(), m.to(), m.from());
      case AppendTransition a -> {
        ChangeJson.Texts t = json.required(op);
        LedgerSql.bindInsert(ps, t.entry() != null ? t.entry() : a.entry(), t.json());
      }
      case EnqueueNotice n -> NoticeSql.bindInsert(ps, n.notice(), json.required(op).json());
      case InsertSchedule i -> ScheduleSql.bindInsert(ps, i.schedule(), json.required(op).json());
      case UpdateSchedule u -> ScheduleSql.bindUpdate(ps, u.schedule());
      case AdvanceSchedule a -> ScheduleSql.bindAdvance(ps, a.schedule());
      case DeleteSchedule d -> ScheduleSql.bindDelete(ps, d.id(), d.version());
      case InsertScheduleRun r -> ScheduleSql.bindInsertRun(ps, r.run());
      case UpdateScheduleRun r -> ScheduleSql.bindUpdateRun(ps, r.run());
      case AppendLedger l -> LedgerSql.bindInsert(ps, l.entry(), json.required(op).json());
      case Fence f -> ClusterSql.bindFence(ps, f.lead(), f.now());
    }
  }

  /** The order of kinds in a group: rows are inserted before anything refers to them. */
  private static int rank(Op op) {
    return switch (op) {
      case Fence f -> -1; // first: a stale leader's change fails before it writes anything
      case InsertJob i -> 0;
      case UpdateJob u -> 1;
      case InsertTask i -> 2;
      case MoveTask m -> 3;
      case AppendTransition a -> 4;
      case EnqueueNotice n -> 5;
      case InsertSchedule i -> 6;
      case UpdateSchedule u -> 7;
      case AdvanceSchedule a -> 8;
      case DeleteSchedule d -> 9;
      case InsertScheduleRun r -> 10;
      case UpdateScheduleRun r -> 11;
      case AppendLedger l -> 12;
    };
  }

  /**
   * Splits the changes into groups that touch disjoint jobs and tasks. A change that touches one
   * row twice is a group of its own, so its ops keep their order.
   */
  static List<List<WriteRequest.Commit>> groups(List<WriteRequest.Commit> commits) {
    List<List<WriteRequest.Commit>> groups = new ArrayList<>();
    List<WriteRequest.Commit> current = new ArrayList<>();
    Set<String> touched = new HashSet<>();
    for (WriteRequest.Commit r : commits) {
      Set<String> keys = rowsOf(r.change);
      if (keys == null || !Collections.disjoint(touched, keys)) {
        if (!current.isEmpty()) {
          groups.add(current);
        }
        current = new ArrayList<>();
        touched.clear();
      }
      if (keys == null) {
        groups.add(List.of(r));
      } else {
        current.add(r);
        touched.addAll(keys);
      }
    }
    if (!current.isEmpty()) {
      groups.add(current);
    }
    return groups;
  }

  /** The jobs and tasks a change reads or writes, or null if it touches one of them twice. */
  private static @Nullable Set<String> rowsOf(Change change) {
    Set<String> keys = new HashSet<>();
    for (Op op : change.ops()) {
      String key = row(op);
      if (!key.isEmpty() && !keys.add(key)) {
        return null;
      }
    }
    return keys;
  }

  /** The job or task row an op reads or writes; empty for what only appends. */
  private static String row(Op op) {
    return switch (op) {
      case InsertJob i -> "job " + i.job().id();
      case UpdateJob u -> "job " + u.job().id();
      case InsertTask i -> "task " + i.task().id();
      case MoveTask m -> "task " + m.taskId();
      case AppendTransition a -> "";
      case EnqueueNotice n -> "notice " + n.notice().id();
      case InsertSchedule i -> "schedule " + i.schedule().id();
      case UpdateSchedule u -> "schedule " + u.schedule().id();
      case AdvanceSchedule a -> "schedule " + a.schedule().id();
      case DeleteSchedule d -> "schedule " + d.id();
      case InsertScheduleRun r -> "run " + r.run().scheduleId() + " " + r.run().fireAt();
      case UpdateScheduleRun r -> "run " + r.run().scheduleId() + " " + r.run().fireAt();
      case AppendLedger l -> "";
      case Fence f -> "lead " + f.lead().duty();
    };
  }
}
