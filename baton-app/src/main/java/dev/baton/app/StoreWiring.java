package dev.baton.app;

import dev.baton.store.jdbc.JdbcStore;
import java.nio.file.Path;

/** The store the settings name: PostgreSQL at a JDBC URL, else the embedded SQLite file. */
final class StoreWiring {
  private StoreWiring() {}

  /**
   * An open store, and how to name it in the log.
   *
   * @param description the URL without its password, or {@code SQLite <file>}
   */
  record Opened(JdbcStore store, String description) {}

  static Opened open(Settings s) {
    String url = s.text(Setting.DATABASE_URL).trim();
    if (url.isEmpty()) {
      Path file = Path.of(s.text(Setting.DATA_DIR)).resolve("baton.db").toAbsolutePath();
      return new Opened(JdbcStore.sqlite(file), "SQLite " + file);
    }
    return new Opened(
        JdbcStore.open(url, s.text(Setting.DATABASE_USER), s.text(Setting.DATABASE_PASSWORD)),
        url.replaceAll("//[^@/]*@", "//***@"));
  }
}
