package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import org.jspecify.annotations.Nullable;

/** JDBC plumbing shared by the SQL classes: instants as epoch milliseconds, nullable columns. */
final class Sql {
  private Sql() {}

  /** Something to do on a connection; the store wraps its SQLException in a StoreException. */
  @FunctionalInterface
  interface Callback<T> {
    T run(Connection c) throws SQLException;
  }

  static void setInstant(PreparedStatement ps, int index, @Nullable Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, t.toEpochMilli());
    }
  }

  static void setText(PreparedStatement ps, int index, @Nullable String s) throws SQLException {
    if (s == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, s);
    }
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  static Instant requiredInstant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
