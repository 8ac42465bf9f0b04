package dev.baton.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.jspecify.annotations.Nullable;

/**
 * The migration scripts this code ships, as Flyway resolved them the first time a database of a
 * dialect was migrated in this process. A store opened again on a database whose history records
 * exactly these scripts, each applied successfully with the same checksum and description, has
 * nothing to migrate and nothing that Flyway's validation would refuse, so {@link Migrations}
 * answers it with one SELECT instead of resolving and parsing every script again and locking (about
 * 100 ms per open on PostgreSQL, most of a restart's and a test's store opening).
 */
final class KnownScripts {
  private record Script(@Nullable Integer checksum, String description) {}

  private static final Map<String, Map<String, Script>> byDialect = new ConcurrentHashMap<>();

  private KnownScripts() {}

  /** Records what Flyway resolved, once it has migrated (or validated) a database. */
  static void remember(Dialect dialect, MigrationInfo[] all) {
    Map<String, Script> scripts = new HashMap<>();
    Arrays.stream(all)
        .filter(m -> m.getState().isResolved() && m.getVersion() != null)
        .forEach(m ->
            scripts.put(
                m.getVersion().getVersion(),
                new Script(m.getChecksum(), Objects.requireNonNullElse(m.getDescription(), ""))));
    byDialect.putIfAbsent(dialect.name(), Map.copyOf(scripts));
  }

  /** Whether the scripts of {@code dialect} were resolved once in this process. */
  static boolean known(Dialect dialect) {
    return byDialect.containsKey(dialect.name());
  }

  /**
   * Whether the database already records every known script and nothing else. False (so Flyway
   * runs, with its lock and checks) when nothing is known yet, when the history table is missing or
   * unreadable, or on any difference: a pending script, a failed one, an edited one, a baseline or
   * a script from a newer Baton.
   */
  static boolean upToDate(DataSource connections, Dialect dialect) {
    Map<String, Script> known = byDialect.get(dialect.name());
    if (known == null) {
      return false;
    }
    Map<String, Script> applied = new HashMap<>();
    try (Connection c = connections.getConnection();
        Statement s = c.createStatement()) {
      if (!Migrations.tableExists(c, Migrations.HISTORY)) {
        return false;
      }
      ResultSet rs =
          s.executeQuery(
              "SELECT version, checksum, description, success FROM "
                  + Migrations.HISTORY
                  + " WHERE version IS NOT NULL");
      while (rs.next()) {
        int checksum = rs.getInt(2);
        @Nullable Integer maybe = rs.wasNull() ? null : checksum;
        if (!rs.getBoolean(4)
            || applied.put(rs.getString(1), new Script(maybe, rs.getString(3))) != null) {
          return false;
        }
      }
    } catch (SQLException e) {
      return false;
    }
    return applied.equals(known);
  }
}
