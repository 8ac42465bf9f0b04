package dev.baton.store.jdbc;

import dev.baton.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the schema this code knows, in one transaction: the scripts {@code
 * db/<dialect>/V<n>__<description>.sql} above the version recorded in {@code baton_schema_version}
 * run in order. Running it again is a no-op; a database migrated by a newer Baton is refused rather
 * than guessed at.
 */
final class Migrations {
  /**
   * Every script, oldest first. Add new ones at the end; never edit one that has shipped. A
   * script's position in this list is the schema version a database records, not the number in its
   * name (there is no V5: it was reserved and not needed). A script inserted in the middle would
   * shift the ones after it: a database already past it would skip it and run a later script a
   * second time.
   */
  static final List<String> SCRIPTS =
      List.of(
          "V1__schema.sql",
          "V2__notices_and_quotas.sql",
          "V3__schedules.sql",
          "V4__robots.sql",
          "V6__ledger.sql");

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  static void migrate(Connection c, Dialect dialect, long now) throws SQLException {
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      dialect.lockForMigration(c);
      s.execute(dialect.createSchemaVersionTable());
      int current = currentVersion(c);
      if (current > SCRIPTS.size()) {
        throw new IllegalStateException(
            "the database schema is at version "
                + current
                + " but this Baton knows versions up to "
                + SCRIPTS.size()
                + "; a newer Baton migrated it: run that version, or restore a backup");
      }
      for (int v = current + 1; v <= SCRIPTS.size(); v++) {
        String script = SCRIPTS.get(v - 1);
        for (String statement : statements(read(dialect.name() + "/" + script))) {
          s.execute(statement);
        }
        record(c, v, script, now);
        log.info("applied migration {} to the {} database", script, dialect.name());
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
    c.setAutoCommit(true);
  }

  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version) FROM baton_schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void record(Connection c, int version, String script, long now)
      throws SQLException {
    String sql =
        "INSERT INTO baton_schema_version (version, description, applied_at) VALUES (?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, version);
      ps.setString(2, script);
      ps.setLong(3, now);
      ps.executeUpdate();
    }
  }

  /** Statements end with a semicolon at the end of a line; lines starting with -- are comments. */
  static List<String> statements(String script) {
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
    try (InputStream in = Migrations.class.getResourceAsStream("/db/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("migration script db/" + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read migration script db/" + resource, e);
    }
  }
}
