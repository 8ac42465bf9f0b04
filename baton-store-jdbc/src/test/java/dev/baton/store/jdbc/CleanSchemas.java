package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Migrated, empty schemas lent to tests and emptied for the next one. Migrating a new schema runs
 * about 90 DDL statements, 0.5–1 s on this machine's PostgreSQL, most of a store contract test's
 * time; emptying one is a batch of DELETEs. A schema comes back only when its tables and its
 * migration history are as migrated; otherwise (a test that recorded a future migration, one that
 * cannot switch triggers off) it is left for the JVM's exit to drop.
 *
 * <p>One schema migrated first stays untouched as the reference: the rows the migrations seed (the
 * ledger's horizon, the history cut-over) are copied back from it, and its tables say what "as
 * migrated" is.
 */
final class CleanSchemas {
  /** A schema lent: its name and where to connect. */
  record Lent(String schema, TestPostgres.Database db) {}

  private record Reference(
      String schema,
      List<String> tables,
      List<String> seeded,
      List<String[]> counters,
      String history) {}

  private final Supplier<Lent> fresh;
  private final Queue<Lent> free = new ConcurrentLinkedQueue<>();
  private volatile @Nullable Reference reference;
  private volatile boolean reusable = true;

  CleanSchemas(Supplier<Lent> fresh) {
    this.fresh = fresh;
  }

  /** A migrated, empty schema, nobody else's until {@link #giveBack}. */
  Lent lend() {
    Lent free = this.free.poll();
    if (free != null) {
      return free;
    }
    Lent lent = fresh.get();
    lent.db().openStore().close();
    if (reference == null) {
      describeReference();
    }
    return lent;
  }

  /** Empties a schema the test is done with (its stores closed) and lends it again later. */
  void giveBack(Lent lent) {
    Reference ref = reference;
    if (ref == null || !reusable) {
      return;
    }
    try (Connection c = lent.db().connect()) {
      if (asMigrated(c, ref)) {
        empty(c, ref);
        free.add(lent);
      }
    } catch (SQLException e) {
      // Not a superuser (session_replication_role) or the schema is broken: new schemas from now.
      reusable = false;
    }
  }

  private synchronized void describeReference() {
    if (reference != null) {
      return;
    }
    Lent ref = fresh.get();
    ref.db().openStore().close();
    try (Connection c = ref.db().connect()) {
      List<String> tables = new ArrayList<>();
      List<String> seeded = new ArrayList<>();
      for (String table :
          column(
              c,
              "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")) {
        if (table.equals(Migrations.HISTORY)) {
          continue;
        }
        tables.add(table);
        if (count(c, "SELECT count(*) FROM " + table) > 0) {
          seeded.add(table);
        }
      }
      List<String[]> counters = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT table_name, column_name FROM information_schema.columns WHERE"
                      + " table_schema = current_schema() AND (is_identity = 'YES'"
                      + " OR column_default LIKE 'nextval(%')")) {
        while (rs.next()) {
          counters.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
      reference = new Reference(ref.schema(), tables, seeded, counters, history(c));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot describe the migrated test schema", e);
    }
  }

  private static boolean asMigrated(Connection c, Reference ref) throws SQLException {
    return column(
                c,
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '"
                    + Migrations.HISTORY
                    + "' ORDER BY tablename")
            .equals(ref.tables())
        && history(c).equals(ref.history());
  }

  /** Every migration recorded, with its checksum and outcome: a test may have edited them. */
  private static String history(Connection c) throws SQLException {
    return String.join(
        ",",
        column(
            c,
            "SELECT concat_ws(':', version, checksum, success) FROM "
                + Migrations.HISTORY
                + " ORDER BY installed_rank"));
  }

  /** One transaction, triggers off (the ledger refuses deletes), counters back to their start. */
  private static void empty(Connection c, Reference ref) throws SQLException {
    StringBuilder sql = new StringBuilder("SET LOCAL session_replication_role = replica;");
    for (String table : ref.tables()) {
      sql.append("DELETE FROM ").append(table).append(';');
    }
    for (String table : ref.seeded()) {
      sql.append("INSERT INTO ")
          .append(table)
          .append(" OVERRIDING SYSTEM VALUE SELECT * FROM ")
          .append(ref.schema())
          .append('.')
          .append(table)
          .append(';');
    }
    for (String[] counter : ref.counters()) {
      sql.append("SELECT setval(pg_get_serial_sequence('")
          .append(counter[0])
          .append("', '")
          .append(counter[1])
          .append("'), 1, false);");
    }
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(sql.toString());
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    }
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
