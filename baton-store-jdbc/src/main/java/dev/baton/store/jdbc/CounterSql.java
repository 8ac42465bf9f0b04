package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared counters ({@code dev.baton.store.CounterStore}): {@code rate_windows}, {@code
 * scenario_executions} and {@code client_turns}. Every count is one statement whose guard is in the
 * statement itself, so two nodes racing on one row never pass a limit together.
 */
final class CounterSql {
  private CounterSql() {}

  /**
   * A new key starts its window at 1; a window that passed ({@code started_at <= now - window})
   * starts again at 1; a live one counts up while below the limit. At the limit the guard leaves
   * the row as it is and nothing is returned.
   */
  static final String COUNT_REQUEST =
      """
      INSERT INTO rate_windows (holder, started_at, used) VALUES (?, ?, 1)
      ON CONFLICT (holder) DO UPDATE SET
        started_at = CASE WHEN rate_windows.started_at <= ? THEN excluded.started_at
                          ELSE rate_windows.started_at END,
        used = CASE WHEN rate_windows.started_at <= ? THEN 1 ELSE rate_windows.used + 1 END
       WHERE rate_windows.started_at <= ? OR rate_windows.used < ?
      RETURNING used\
      """;

  static boolean countRequest(Connection c, String key, Instant now, Duration window, long limit)
      throws SQLException {
    long passed = now.toEpochMilli() - window.toMillis();
    try (PreparedStatement ps = c.prepareStatement(COUNT_REQUEST)) {
      ps.setString(1, key);
      ps.setLong(2, now.toEpochMilli());
      ps.setLong(3, passed);
      ps.setLong(4, passed);
      ps.setLong(5, passed);
      ps.setLong(6, limit);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getLong(1) <= limit;
      }
    }
  }

  static int forgetWindows(Connection c, Instant before) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM rate_windows WHERE started_at < ?")) {
      ps.setLong(1, before.toEpochMilli());
      return ps.executeUpdate();
    }
  }

  /** The guard {@code executions < max} (unless max is 0 or less) is the update's own. */
  static boolean countExecution(Connection c, String scenario, long max) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            """
            INSERT INTO scenario_executions (scenario, executions) VALUES (?, 1)
            ON CONFLICT (scenario) DO UPDATE SET executions = scenario_executions.executions + 1
             WHERE ? <= 0 OR scenario_executions.executions < ?
            RETURNING executions\
            """)) {
      ps.setString(1, scenario);
      ps.setLong(2, max);
      ps.setLong(3, max);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && (max <= 0 || rs.getLong(1) <= max);
      }
    }
  }

  static Map<String, Long> executions(Connection c) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT scenario, executions FROM scenario_executions");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  static void resetExecutions(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM scenario_executions")) {
      ps.executeUpdate();
    }
  }

  static void resetExecutions(Connection c, String scenario) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM scenario_executions WHERE scenario = ?")) {
      ps.setString(1, scenario);
      ps.executeUpdate();
    }
  }

  static Map<String, Long> turns(Connection c, Collection<String> clients) throws SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    if (clients.isEmpty()) {
      return out;
    }
    List<String> names = List.copyOf(clients);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT client, turn FROM client_turns WHERE client IN ("
                + Sql.placeholders(names.size())
                + ")")) {
      for (int i = 0; i < names.size(); i++) {
        ps.setString(i + 1, names.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /**
   * Each client goes after every other: the next turn number. The update's guard leaves a client
   * that is already the most recent one alone, and a plain UPDATE that matches no row takes no row
   * lock, so a run of one client's claims writes nothing. Turns move under {@link
   * Dialect#tryLockTurns}; a transaction that finds another node's holding it leaves them as they
   * are this time.
   */
  static void served(Connection c, Dialect dialect, List<String> clients) throws SQLException {
    if (clients.isEmpty() || !dialect.tryLockTurns(c)) {
      return;
    }
    for (String client : clients) {
      int moved;
      try (PreparedStatement ps =
          c.prepareStatement(
              """
              UPDATE client_turns SET turn = (SELECT max(turn) FROM client_turns) + 1
               WHERE client = ? AND turn < (SELECT max(turn) FROM client_turns)\
              """)) {
        ps.setString(1, client);
        moved = ps.executeUpdate();
      }
      if (moved == 0) {
        try (PreparedStatement ps =
            c.prepareStatement(
                """
                INSERT INTO client_turns (client, turn)
                VALUES (?, (SELECT COALESCE(max(turn), 0) + 1 FROM client_turns))
                ON CONFLICT (client) DO NOTHING\
                """)) {
          ps.setString(1, client);
          ps.executeUpdate();
        }
      }
    }
  }
}
