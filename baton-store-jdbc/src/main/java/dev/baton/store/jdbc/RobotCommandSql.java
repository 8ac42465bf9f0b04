package dev.baton.store.jdbc;

import dev.baton.robot.RobotCommand;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The {@code robot_commands} table: commands waiting for the node their robot is connected to. */
final class RobotCommandSql {
  /** Robots per statement, well under either database's limit of bound parameters. */
  private static final int CHUNK = 500;

  private RobotCommandSql() {}

  static void queue(Connection c, RobotCommand command) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO robot_commands (robot_id, type, payload, created_at) VALUES (?, ?, ?, ?)")) {
      ps.setString(1, command.robotId());
      ps.setString(2, command.type());
      ps.setString(3, Json.write(command.payload()));
      Sql.setInstant(ps, 4, command.createdAt());
      ps.executeUpdate();
    }
  }

  /**
   * Deletes and returns the robots' commands in one statement: of two nodes deleting the same row
   * at once, PostgreSQL lets one see it gone, so each command is returned once.
   */
  static List<RobotCommand> take(Connection c, Collection<String> robotIds) throws SQLException {
    List<String> ids = List.copyOf(robotIds);
    List<Row> rows = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      String sql =
          "DELETE FROM robot_commands WHERE robot_id IN ("
              + marks
              + ") RETURNING id, robot_id, type, payload, created_at";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(
                new Row(
                    rs.getLong("id"),
                    new RobotCommand(
                        rs.getString("robot_id"),
                        rs.getString("type"),
                        Json.read(rs.getString("payload")),
                        Objects.requireNonNull(Sql.instant(rs, "created_at")))));
          }
        }
      }
    }
    rows.sort(Comparator.comparingLong(Row::id)); // RETURNING promises no order
    return rows.stream().map(Row::command).toList();
  }

  private record Row(long id, RobotCommand command) {}
}
