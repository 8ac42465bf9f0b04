package dev.baton.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL cluster of one test's own, made with the machine's {@code initdb} and run with its
 * {@code pg_ctl}, so that the test may stop and start it without touching the server other tests
 * share. As root (CI) every command runs as the {@code postgres} user, which PostgreSQL requires.
 */
final class PrivatePostgres implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private boolean running;

  private PrivatePostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** The newest {@code /usr/lib/postgresql/<n>/bin} with {@code initdb}, or null. */
  static @Nullable Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (var versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max((a, b) -> Integer.compare(major(a), major(b)))
          .orElse(null);
    }
  }

  private static int major(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * A new cluster in a folder of its own under the system's temporary folder (a test's own
   * temporary folder is closed to the {@code postgres} user), started on {@code port}.
   */
  static PrivatePostgres start(Path bin, int port) throws Exception {
    Path dir = Files.createTempDirectory("baton-test-pg");
    PrivatePostgres pg = new PrivatePostgres(bin, dir, port);
    if (root()) {
      pg.run(List.of("chown", "postgres", dir.toString()), false);
    }
    pg.run(
        List.of(bin.resolve("initdb").toString(), "-D", pg.data(), "-A", "trust", "-U", "postgres"),
        true);
    pg.start();
    return pg;
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  void start() throws Exception {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data(),
            "-o",
            "-p " + port + " -k " + dir + " -c max_connections=100",
            "-l",
            dir.resolve("log").toString(),
            "-w",
            "start"),
        true);
    running = true;
  }

  /** Stops at once, as a crash or a failover would: open connections are cut. */
  void stop() throws Exception {
    run(
        List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"),
        true);
    running = false;
  }

  /** Stops the cluster and removes its folder. */
  @Override
  public void close() throws Exception {
    try {
      if (running) {
        stop();
      }
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private void run(List<String> command, boolean asPostgres) throws Exception {
    List<String> full =
        asPostgres && root()
            ? List.of("su", "postgres", "-c", String.join(" ", quoted(command)))
            : command;
    Process p =
        new ProcessBuilder(full)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("ctl.log").toFile()))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command) + " failed; see " + dir.resolve("ctl.log"));
    }
  }

  private static List<String> quoted(List<String> command) {
    return command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList();
  }
}
