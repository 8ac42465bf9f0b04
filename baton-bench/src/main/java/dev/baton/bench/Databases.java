package dev.baton.bench;

import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Opens a fresh, empty store of the kind asked for. PostgreSQL comes from {@code
 * BATON_BENCH_PG_URL} (user {@code BATON_BENCH_PG_USER}, default postgres) when set, otherwise from
 * embedded binaries: a local server with fsync on either way.
 *
 * <p>{@link #close} deletes what {@link #open} made (the SQLite folder, the PostgreSQL database)
 * unless {@code BATON_BENCH_KEEP} is set; close the store first.
 */
final class Databases implements AutoCloseable {
  private @org.jspecify.annotations.Nullable EmbeddedPostgres embedded;
  private @org.jspecify.annotations.Nullable Path sqliteFile;
  private @org.jspecify.annotations.Nullable String pgUrl;
  private @org.jspecify.annotations.Nullable String pgAdminUrl;
  private @org.jspecify.annotations.Nullable String pgDatabase;
  private String pgUser = "";
  private String pgPassword = "";

  Store open(String kind) throws IOException, SQLException {
    return switch (kind) {
      case "sqlite" -> {
        Path dir = Files.createTempDirectory("baton-bench");
        sqliteFile = dir.resolve("baton.db");
        yield JdbcStore.sqlite(sqliteFile);
      }
      case "postgres" -> openPostgres();
      default -> throw new IllegalArgumentException("store must be sqlite or postgres: " + kind);
    };
  }

  private Store openPostgres() throws IOException, SQLException {
    String url = System.getenv("BATON_BENCH_PG_URL");
    String user = System.getenv().getOrDefault("BATON_BENCH_PG_USER", "postgres");
    String password = System.getenv().getOrDefault("BATON_BENCH_PG_PASSWORD", "");
    if (url == null) {
      embedded = EmbeddedPostgres.builder().start();
      url = embedded.getJdbcUrl("postgres", "postgres");
    }
    String db = "baton_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    String dbUrl = url.replaceAll("/[^/?]*(\\?|$)", "/" + db + "$1");
    pgUrl = dbUrl;
    pgAdminUrl = url;
    pgDatabase = db;
    pgUser = user;
    pgPassword = password;
    return JdbcStore.postgres(dbUrl, user, password);
  }

  /**
   * The size of the database last opened: for SQLite the file with its {@code -wal} and {@code
   * -shm}, for PostgreSQL {@code pg_database_size}: one line of text, in KiB.
   */
  String size() throws IOException, SQLException {
    Path file = sqliteFile;
    if (file != null) {
      long db = Files.size(file);
      long wal = sizeIfExists(file.resolveSibling(file.getFileName() + "-wal"));
      long shm = sizeIfExists(file.resolveSibling(file.getFileName() + "-shm"));
      return String.format(
          java.util.Locale.ROOT,
          "sqlite %,d KiB (db %,d + wal %,d + shm %,d KiB)",
          (db + wal + shm) / 1024,
          db / 1024,
          wal / 1024,
          shm / 1024);
    }
    String url = pgUrl;
    if (url == null) {
      return "unknown";
    }
    try (Connection c = DriverManager.getConnection(url, pgUser, pgPassword);
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
      rs.next();
      return String.format(
          java.util.Locale.ROOT, "postgres database %,d KiB", rs.getLong(1) / 1024);
    }
  }

  /** {@code sqlite} or {@code postgres}: the kind last opened. */
  String kind() {
    return sqliteFile != null ? "sqlite" : "postgres";
  }

  /** A new connection to the database last opened (SQLite or PostgreSQL). */
  Connection connection() throws SQLException {
    Path file = sqliteFile;
    if (file != null) {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 10000");
      }
      return c;
    }
    return java.util.Objects.requireNonNull(postgresConnection(), "no database opened");
  }

  /** The settings that point {@code baton server} at the database last opened. */
  java.util.Map<dev.baton.app.Setting, String> appSettings() {
    Path file = sqliteFile;
    if (file != null) {
      return java.util.Map.of(
          dev.baton.app.Setting.DATA_DIR, String.valueOf(file.toAbsolutePath().getParent()));
    }
    return java.util.Map.of(
        dev.baton.app.Setting.DATABASE_URL, String.valueOf(pgUrl),
        dev.baton.app.Setting.DATABASE_USER, pgUser,
        dev.baton.app.Setting.DATABASE_PASSWORD, pgPassword);
  }

  /** A new connection to the PostgreSQL database last opened, or null for SQLite. */
  @org.jspecify.annotations.Nullable
  Connection postgresConnection() throws SQLException {
    String url = pgUrl;
    return url == null ? null : DriverManager.getConnection(url, pgUser, pgPassword);
  }

  private static long sizeIfExists(Path p) throws IOException {
    return Files.exists(p) ? Files.size(p) : 0;
  }

  @Override
  public void close() throws IOException {
    try {
      if (System.getenv("BATON_BENCH_KEEP") == null) {
        dropWhatWasMade();
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private void dropWhatWasMade() throws IOException {
    Path file = sqliteFile;
    if (file != null) {
      Path dir = file.getParent();
      for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      }
      if (dir != null) {
        Files.deleteIfExists(dir);
      }
    }
    String admin = pgAdminUrl;
    if (admin != null && pgDatabase != null) {
      try (Connection c = DriverManager.getConnection(admin, pgUser, pgPassword);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + pgDatabase);
      } catch (SQLException e) {
        System.err.println("could not drop " + pgDatabase + ": " + e.getMessage());
      }
    }
  }
}
