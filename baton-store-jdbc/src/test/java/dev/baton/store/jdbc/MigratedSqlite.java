package dev.baton.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * SQLite files for store contract tests, copied from one migrated once per JVM: migrating a new
 * file runs every script (tens of milliseconds, more on a loaded machine, for each of some 140
 * tests); a copy of the closed, checkpointed file is a few hundred kilobytes, and a store opened on
 * it finds its history up to date. A test of creating a database opens a new file itself.
 */
final class MigratedSqlite {
  private static @Nullable Path template;

  private MigratedSqlite() {}

  /** Puts a migrated, empty database at {@code file} (its folders created) and opens it. */
  static JdbcStore at(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.copy(template(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the migrated SQLite template to " + file, e);
    }
    return JdbcStore.sqlite(file);
  }

  private static synchronized Path template() throws IOException {
    if (template == null) {
      Path dir = Files.createTempDirectory("baton-sqlite-template");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("template.db");
      // Closing the store checkpoints the WAL into the file, so the file alone is the database.
      JdbcStore.sqlite(file).close();
      file.toFile().deleteOnExit();
      template = file;
    }
    return template;
  }
}
