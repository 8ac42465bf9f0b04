package dev.baton.store.jdbc;

import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerPage;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The {@code ledger} table: appended to, never updated (triggers refuse it), read by filters. */
final class LedgerSql {
  static final String INSERT =
      """
      INSERT INTO ledger (at, type, source, severity, job_id, details) VALUES (?, ?, ?, ?, ?, ?)\
      """;

  static final String COLUMNS = "seq, at, type, source, severity, job_id, details";

  private LedgerSql() {}

  static void bindInsert(PreparedStatement ps, LedgerEntry e) throws SQLException {
    bindInsert(ps, e, Json.write(e.details()));
  }

  /** {@code details} is the entry's details as JSON ({@link ChangeJson}). */
  static void bindInsert(PreparedStatement ps, LedgerEntry e, String details) throws SQLException {
    Sql.setInstant(ps, 1, e.at());
    ps.setString(2, e.type());
    ps.setString(3, e.source());
    ps.setString(4, e.severity().wireName());
    Sql.setText(ps, 5, e.jobId());
    ps.setString(6, details);
  }

  static LedgerEntry append(Connection c, LedgerEntry e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT + " RETURNING seq")) {
      bindInsert(ps, e);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return e.withSeq(rs.getLong(1));
      }
    }
  }

  /** Reads one more than the limit, to know whether a next page exists. */
  static LedgerPage page(Connection c, LedgerQuery q) throws SQLException {
    Where where = where(q);
    if (q.after() > 0) {
      where.add(q.newestFirst() ? "seq < ?" : "seq > ?", q.after());
    }
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM ledger"
            + where.sql()
            + " ORDER BY seq "
            + (q.newestFirst() ? "DESC" : "ASC")
            + " LIMIT ?";
    List<LedgerEntry> entries = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int next = where.bind(ps);
      ps.setInt(next, q.limit() + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          entries.add(read(rs));
        }
      }
    }
    return LedgerPage.of(entries, q.limit());
  }

  static long count(Connection c, LedgerQuery q) throws SQLException {
    Where where = where(q);
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ledger" + where.sql())) {
      where.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Where where(LedgerQuery q) {
    Where w = new Where();
    String type = q.type();
    if (type != null && type.endsWith("*")) {
      String prefix = type.substring(0, type.length() - 1);
      w.add("type LIKE ? ESCAPE '\\'", escapeLike(prefix) + "%");
    } else if (type != null) {
      w.add("type = ?", type);
    }
    if (q.source() != null) {
      w.add("source = ?", q.source());
    }
    if (q.jobId() != null) {
      w.add("job_id = ?", q.jobId());
    }
    Severity severity = q.severity();
    if (severity != null) {
      w.add("severity = ?", severity.wireName());
    }
    if (q.since() != null) {
      w.add("at >= ?", q.since().toEpochMilli());
      if (type != null || q.jobId() != null) {
        // The same rows, bounded by seq as well: with a type (or job) filter the planner reads
        // that index, (type, seq), and without the bound it read every entry of the type ever
        // written to check each one's time (today's job.finished with a million jobs: 300 ms on
        // SQLite). With it, the read starts at the range's first entry. Exact: every entry at or
        // after since has a seq at least the least seq of those entries (none: NULL, and nothing
        // matches, as without the bound). The least seq is read from the time index (ledger_at)
        // over the entries since then: `+seq` keeps SQLite from answering min(seq) by walking
        // the primary key from the oldest entry (a minute's tally: 300 ms to 0.1 ms).
        w.add("seq >= (SELECT min(+seq) FROM ledger WHERE at >= ?)", q.since().toEpochMilli());
      }
    }
    if (q.until() != null) {
      w.add("at < ?", q.until().toEpochMilli());
    }
    return w;
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  @SuppressWarnings("NullAway") // JSON values may be null; the map says so once read
  static LedgerEntry read(ResultSet rs) throws SQLException {
    Map<String, Object> details = Json.read(rs.getString("details"));
    return new LedgerEntry(
        rs.getLong("seq"),
        Sql.requiredInstant(rs, "at"),
        rs.getString("type"),
        rs.getString("source"),
        Severity.fromWire(rs.getString("severity")),
        rs.getString("job_id"),
        details);
  }

  /** The conditions of a query and their parameters, in order. */
  private static final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    void add(String condition, @Nullable Object param) {
      conditions.add(condition);
      params.add(java.util.Objects.requireNonNull(param));
    }

    String sql() {
      return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters; returns the index of the next one. */
    int bind(PreparedStatement ps) throws SQLException {
      int i = 1;
      for (Object p : params) {
        ps.setObject(i++, p);
      }
      return i;
    }
  }
}
