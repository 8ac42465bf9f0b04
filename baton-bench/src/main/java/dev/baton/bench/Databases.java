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
 */
final class Databases implements AutoCloseable {
  private @org.jspecify.annotations.Nullable EmbeddedPostgres embedded;

  Store open(String kind) throws IOException, SQLException {
    return switch (kind) {
      case "sqlite" -> {
        Path dir = Files.createTempDirectory("baton-bench");
        yield JdbcStore.sqlite(dir.resolve("baton.db"));
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
    return JdbcStore.postgres(dbUrl, user, password);
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
