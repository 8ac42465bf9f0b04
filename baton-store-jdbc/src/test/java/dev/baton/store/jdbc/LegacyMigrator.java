package dev.baton.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * The migrator Baton had before Flyway, kept to make the databases it made: the scripts by
 * position, the position recorded in {@code baton_schema_version} with the script's name as it was
 * then (the ledger script was {@code V6__ledger.sql}; it is {@code V5__ledger.sql} now, unchanged).
 */
final class LegacyMigrator {
  static final List<String> NAMES_THEN =
      List.of(
          "V1__schema.sql",
          "V2__notices_and_quotas.sql",
          "V3__schedules.sql",
          "V4__robots.sql",
          "V6__ledger.sql");

  private LegacyMigrator() {}

  /** Brings an empty database to {@code version} as the old migrator did, in one transaction. */
  static void migrate(Connection c, String dialect, int version) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute(versionTable(dialect));
      for (int v = 1; v <= version; v++) {
        String now = Scripts.of(dialect).get(v - 1);
        for (String statement : statements(read(dialect + "/" + now))) {
          s.execute(statement);
        }
        String sql =
            "INSERT INTO baton_schema_version (version, description, applied_at) VALUES (?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setInt(1, v);
          ps.setString(2, NAMES_THEN.get(v - 1));
          ps.setLong(3, 1_700_000_000_000L);
          ps.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
    c.setAutoCommit(true);
  }

  private static String versionTable(String dialect) {
    return dialect.equals("sqlite")
        ? """
        CREATE TABLE IF NOT EXISTS baton_schema_version (
          version     INTEGER PRIMARY KEY,
          description TEXT    NOT NULL,
          applied_at  INTEGER NOT NULL
        ) STRICT\
        """
        : """
        CREATE TABLE IF NOT EXISTS baton_schema_version (
          version     INTEGER PRIMARY KEY,
          description TEXT    NOT NULL,
          applied_at  BIGINT  NOT NULL
        )\
        """;
  }

  /** Statements end with a semicolon at the end of a line; lines starting with -- are comments. */
  private static List<String> statements(String script) {
    StringBuilder uncommented = new StringBuilder();
    script
        .lines()
        .filter(line -> !line.strip().startsWith("--"))
        .forEach(line -> uncommented.append(line).append('\n'));
    return List.of(uncommented.toString().split(";\\s*\n")).stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String read(String resource) {
    try (InputStream in =
        Objects.requireNonNull(LegacyMigrator.class.getResourceAsStream("/db/" + resource))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
