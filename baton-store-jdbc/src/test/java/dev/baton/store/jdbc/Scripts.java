package dev.baton.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The migration scripts on the test class path, and a forged entry of a newer Baton's. */
final class Scripts {
  private Scripts() {}

  /** The scripts of a dialect's folder, by version (V2 before V10). */
  static List<String> of(String dialect) {
    URL folder = Objects.requireNonNull(Scripts.class.getResource("/db/" + dialect));
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files
          .map(f -> f.getFileName().toString())
          .sorted(Comparator.comparingInt(Scripts::version))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int version(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  /** How many scripts there are; they are numbered 1 to this, the same for every dialect. */
  static int count() {
    List<String> sqlite = of("sqlite");
    assertThat(of("postgres")).isEqualTo(sqlite);
    for (int i = 0; i < sqlite.size(); i++) {
      assertThat(sqlite.get(i)).startsWith("V" + (i + 1) + "__");
    }
    return sqlite.size();
  }

  /** Records in Flyway's table that a migration this Baton does not have was applied. */
  static void recordFutureMigration(Statement s, int version) throws SQLException {
    s.executeUpdate(
        "INSERT INTO "
            + Migrations.HISTORY
            + " (installed_rank, version, description, type, script, checksum, installed_by,"
            + " execution_time, success) VALUES ("
            + (1000 + version)
            + ", '"
            + version
            + "', 'future', 'SQL', 'V"
            + version
            + "__future.sql', 0, 'a newer baton', 0, true)");
  }
}
