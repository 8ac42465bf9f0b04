package dev.baton.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connection pools of a store: one connection for the writer thread, a few for reads, and on
 * PostgreSQL one more for the claims' writer. With SQLite the single write connection is also the
 * database's rule (one writer at a time), so claims share it; WAL lets the readers run while it
 * writes.
 *
 * <p>{@code unpooled} opens a connection of its own each time, for the migration at open: Flyway
 * holds several connections at once, and a pool grown for it adds them one at a time with a pause
 * after each (HikariCP waits 30 ms after adding a connection), which made opening a store wait.
 */
record Pools(
    HikariDataSource writes,
    HikariDataSource reads,
    @Nullable HikariDataSource claims,
    DataSource unpooled)
    implements AutoCloseable {
  static final int READERS = 4;

  /** How long a request waits for a PostgreSQL connection before the store refuses it. */
  static final int CONNECTION_WAIT_MILLIS = 2_000;

  static Pools sqlite(Path file) {
    Path path = file.toAbsolutePath();
    try {
      Path parent = path.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of " + path, e);
    }
    String url = "jdbc:sqlite:" + path;
    // The writer opens first: it creates the file and switches it to WAL before any reader.
    HikariDataSource writes = writer("baton-sqlite-write", sqliteConfig(url, true));
    return new Pools(
        writes, readers("baton-sqlite-read", sqliteConfig(url, false)), null, sqlite(url, false));
  }

  static Pools postgres(String jdbcUrl, String user, String password) {
    return new Pools(
        writer("baton-pg-write", postgresConfig(jdbcUrl, user, password)),
        readers("baton-pg-read", postgresConfig(jdbcUrl, user, password)),
        writer("baton-pg-claim", postgresConfig(jdbcUrl, user, password)),
        unpooledPostgres(jdbcUrl, user, password));
  }

  private static DataSource unpooledPostgres(String jdbcUrl, String user, String password) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl);
    ds.setUser(user);
    ds.setPassword(password);
    ds.setConnectTimeout(CONNECTION_WAIT_MILLIS / 1000);
    return ds;
  }

  private static HikariConfig sqliteConfig(String url, boolean writer) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(sqlite(url, writer));
    return config;
  }

  private static SQLiteDataSource sqlite(String url, boolean writer) {
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    sqlite.setBusyTimeout(5000);
    sqlite.enforceForeignKeys(true);
    if (writer) {
      sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    }
    SQLiteDataSource ds = new SQLiteDataSource(sqlite);
    ds.setUrl(url);
    return ds;
  }

  private static HikariConfig postgresConfig(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    // While PostgreSQL is down or restarting, a request waits this long for a connection and is
    // then answered 503 with Retry-After; Hikari's default (30 s) outlasts a client's timeout, and
    // the writer's queue would hold every write behind it for as long. The pool reconnects by
    // itself once the database is back.
    config.setConnectionTimeout(CONNECTION_WAIT_MILLIS);
    config.addDataSourceProperty("connectTimeout", CONNECTION_WAIT_MILLIS / 1000);
    return config;
  }

  /** One connection: the writer thread's. */
  private static HikariDataSource writer(String name, HikariConfig config) {
    config.setPoolName(name);
    config.setMaximumPoolSize(1);
    return new HikariDataSource(config);
  }

  private static HikariDataSource readers(String name, HikariConfig config) {
    config.setPoolName(name);
    config.setMaximumPoolSize(READERS);
    config.setMinimumIdle(1);
    return new HikariDataSource(config);
  }

  @Override
  public void close() {
    writes.close();
    reads.close();
    if (claims != null) {
      claims.close();
    }
  }
}
