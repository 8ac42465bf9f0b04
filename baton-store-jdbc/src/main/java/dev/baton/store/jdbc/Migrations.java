package dev.baton.store.jdbc;

import dev.baton.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the schema this code knows, with Flyway: the scripts {@code
 * db/<dialect>/V<n>__<description>.sql} above the version recorded in {@code baton_schema_history}
 * run in order, each in its own transaction (all in one when the database is new), and a script
 * edited after it ran fails the check of its checksum. Running it again is a no-op; a database
 * migrated by a newer Baton is refused rather than guessed at. Add a script with the next number;
 * never edit one that has shipped.
 *
 * <p>A database written before Baton moved to Flyway records its version in {@code
 * baton_schema_version} (a script's position in a fixed list, which is also its number: V1 to V5).
 * Such a database is baselined at that version, so only the scripts after it run; its old table is
 * renamed {@code baton_schema_version_legacy}, so that a Baton from before the move refuses the
 * database (its first script finds the tables there) instead of running on a schema it does not
 * know.
 *
 * <p>A database this process has seen Flyway bring up to date once is recognised by its history
 * alone ({@link KnownScripts}) and not handed to Flyway again.
 */
final class Migrations {
  static final String HISTORY = "baton_schema_history";
  static final String LEGACY = "baton_schema_version";
  static final String LEGACY_KEPT = "baton_schema_version_legacy";

  /** The newest version the migrator before Flyway could record (V5__ledger.sql). */
  static final int LAST_LEGACY_VERSION = 5;

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /**
   * Migrates the database behind {@code connections}, which must hand out at least three at once:
   * one holds the lock while Flyway uses the others. {@code pooled} answers the check whether there
   * is anything to do.
   *
   * @throws IllegalStateException when a newer Baton migrated the database
   * @throws StoreException when the migration failed; a script that failed left its own changes
   *     undone, the ones before it stay applied (a new database is left empty)
   */
  static void migrate(DataSource pooled, DataSource connections, Dialect dialect) {
    if (KnownScripts.upToDate(pooled, dialect)) {
      return;
    }
    FluentConfiguration config =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(connections)
            .locations("classpath:db/" + dialect.name())
            .table(HISTORY)
            .failOnMissingLocations(true)
            .loggers("slf4j");
    try (Connection lock = connections.getConnection()) {
      // PostgreSQL: held until the rollback below, so two processes never baseline or migrate at
      // once. Nothing is written on this connection.
      lock.setAutoCommit(false);
      try {
        dialect.lockForMigration(lock);
        migrate(connections, config, dialect);
      } finally {
        lock.rollback();
      }
    } catch (FlywayException e) {
      throw new StoreException(
          "cannot migrate the " + dialect.name() + " database: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new StoreException("cannot migrate the " + dialect.name() + " database", e);
    }
  }

  private static void migrate(DataSource connections, FluentConfiguration config, Dialect dialect)
      throws SQLException {
    @Nullable Integer legacy;
    boolean baselined;
    try (Connection c = connections.getConnection()) {
      legacy = legacyVersion(c);
      baselined = tableExists(c, HISTORY);
    }
    if (legacy != null && !baselined) {
      baseline(config, legacy);
    }
    // A new database is made in one transaction: every script or none, and one commit (one
    // fsync on SQLite) instead of one per script. An upgrade keeps a transaction per script, so
    // the scripts before a failing one stay applied.
    boolean fresh = legacy == null && !baselined;
    Flyway flyway = config.group(fresh).load();
    int applied;
    if (fresh && KnownScripts.known(dialect)) {
      // A new database records nothing, so nothing newer to refuse, and the scripts were resolved
      // once already: Flyway's info (a second resolve and parse of every script, about a fifth of
      // a new database's migration time) would tell nothing.
      applied = flyway.migrate().migrationsExecuted;
    } else {
      MigrationInfo[] all = flyway.info().all();
      refuseNewer(all);
      applied = flyway.migrate().migrationsExecuted;
      KnownScripts.remember(dialect, all);
    }
    if (applied > 0) {
      log.info("applied {} migrations to the {} database", applied, dialect.name());
    }
    if (legacy != null) {
      try (Connection c = connections.getConnection()) {
        retireLegacyTable(c);
      }
    }
  }

  /** The version in the pre-Flyway table, or null when there is none (or it is empty). */
  private static @Nullable Integer legacyVersion(Connection c) throws SQLException {
    if (!tableExists(c, LEGACY)) {
      return null;
    }
    int version;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(version) FROM " + LEGACY)) {
      rs.next();
      version = rs.getInt(1);
      if (rs.wasNull() || version == 0) {
        return null;
      }
    }
    if (version > LAST_LEGACY_VERSION) {
      throw new IllegalStateException(
          "the database schema is at version "
              + version
              + " in "
              + LEGACY
              + ", which no Baton wrote; restore a backup");
    }
    return version;
  }

  private static void baseline(FluentConfiguration config, int legacy) {
    Flyway.configure(Migrations.class.getClassLoader())
        .configuration(config)
        .baselineVersion(MigrationVersion.fromVersion(Integer.toString(legacy)))
        .baselineDescription("migrated by Baton before Flyway")
        .load()
        .baseline();
    log.info("baselined a database from before Flyway at version {}", legacy);
  }

  /** The version check Flyway leaves to us: by default it ignores migrations it does not know. */
  private static void refuseNewer(MigrationInfo[] all) {
    MigrationVersion known =
        Arrays.stream(all)
            .filter(m -> m.getState().isResolved() && m.getVersion() != null)
            .map(MigrationInfo::getVersion)
            .max(MigrationVersion::compareTo)
            .orElse(MigrationVersion.EMPTY);
    Arrays.stream(all)
        .filter(m -> m.getState().isApplied() && m.getVersion() != null)
        .map(MigrationInfo::getVersion)
        .filter(v -> v.isNewerThan(known))
        .max(MigrationVersion::compareTo)
        .ifPresent(newer -> {
          throw new IllegalStateException(
              "the database schema is at version "
                  + newer
                  + " but this Baton knows versions up to "
                  + known
                  + "; a newer Baton migrated it: run that version, or restore a backup");
        });
  }

  private static void retireLegacyTable(Connection c) throws SQLException {
    if (tableExists(c, LEGACY) && !tableExists(c, LEGACY_KEPT)) {
      try (Statement s = c.createStatement()) {
        s.execute("ALTER TABLE " + LEGACY + " RENAME TO " + LEGACY_KEPT);
      }
    }
  }

  static boolean tableExists(Connection c, String table) throws SQLException {
    String schema = c.getSchema();
    for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
      try (ResultSet rs = c.getMetaData().getTables(null, schema, name, null)) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The newest version applied, as recorded in Flyway's table; 0 for none. */
  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL")) {
      int newest = 0;
      while (rs.next()) {
        newest = Math.max(newest, Integer.parseInt(rs.getString(1)));
      }
      return newest;
    }
  }
}
