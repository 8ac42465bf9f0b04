package dev.baton.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user gets it: checked against its checksum, unpacked into a clean
 * folder, and run with an environment that has no JAVA_HOME and a PATH with nothing on it (so no
 * java can be found but the one in the archive). A job goes through the archive's server and its
 * demonstration worker.
 */
class ReleaseArchiveIT {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();
  private Path archive;
  private Path home;
  private Path work;
  private Path emptyPath;

  @BeforeEach
  void unpack() throws Exception {
    archive = Path.of(System.getProperty("baton.archive"));
    assertThat(archive).isRegularFile();
    Path unpacked = Files.createDirectories(dir.resolve("opt"));
    Process tar =
        new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString())
            .inheritIO()
            .start();
    assertThat(tar.waitFor()).isZero();
    try (var entries = Files.list(unpacked)) {
      List<Path> roots = entries.toList();
      assertThat(roots).hasSize(1);
      home = roots.get(0);
    }
    work = Files.createDirectories(dir.resolve("work"));
    emptyPath = Files.createDirectories(dir.resolve("empty-path"));
    Path blueprints = Files.createDirectories(work.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("hello.yaml"),
        """
        name: hello
        start: greet
        states:
          greet:
            dispatch: { task: greet, params: { name: "${initial_data.name}" } }
            on: { success: finished }
        """);
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void theChecksumMatchesTheArchive() throws Exception {
    Path sum = Path.of(archive + ".sha256");
    String digest =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
    assertThat(Files.readString(sum).trim())
        .isEqualTo(digest + " *" + archive.getFileName()); // `sha256sum -c` reads this
  }

  @Test
  void theArchiveHasItsLauncherRuntimeAndExamples() {
    assertThat(home.getFileName().toString()).startsWith("baton-");
    assertThat(home.resolve("bin/baton")).isExecutable();
    assertThat(home.resolve("runtime/bin/java")).isExecutable();
    assertThat(home.resolve("lib/baton.jar")).isRegularFile();
    assertThat(home.resolve("examples/systemd/baton.service")).isRegularFile();
    assertThat(home.resolve("runtime/jmods")).doesNotExist();
  }

  @Test
  void aJobGoesThroughWithNoJdkOnTheMachine() throws Exception {
    assertThat(run("/bin/sh", "-c", "command -v java").waitFor())
        .as("no java on the PATH the launcher gets")
        .isNotZero();

    Process version = run(home.resolve("bin/baton").toString(), "--version");
    assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .startsWith("baton " + home.getFileName().toString().substring("baton-".length()))
        .contains("(commit ");

    int port = freePort();
    Process server =
        start("server.log", "server", "--host", "127.0.0.1", "--port", Integer.toString(port));
    URI base = URI.create("http://127.0.0.1:" + port);
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(() -> {
          assertThat(server.isAlive()).as("server running; see server.log").isTrue();
          return get(base.resolve("/api/v1/health")).statusCode() == 200;
        });
    start("worker.log", "worker", "--url", base.toString(), "--id", "w-1", "--type", "greet");

    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/jobs"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"blueprint\":\"hello\",\"input\":{\"name\":\"Ada\"}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Matcher m = ID.matcher(created.body());
    assertThat(m.find()).isTrue();
    URI job = base.resolve("/api/v1/jobs/" + m.group(1));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> get(job).body().contains("\"status\":\"finished\""));
    assertThat(get(job).body()).contains("Hello, Ada!").contains("w-1");
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** bin/baton in the work folder, output to {@code log} there. */
  private Process start(String log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/baton").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = bare(command);
    pb.redirectErrorStream(true);
    pb.redirectOutput(work.resolve(log).toFile());
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private Process run(String... command) throws IOException {
    ProcessBuilder pb = bare(List.of(command));
    pb.redirectErrorStream(true);
    return pb.start();
  }

  /** Like {@code env -i PATH=<an empty folder> HOME=<work>}: nothing of the build's JDK. */
  private ProcessBuilder bare(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", emptyPath.toString());
    env.put("HOME", work.toString());
    env.put("RATE_LIMITING_ENABLED", "false");
    env.put("WORKER_POLL_TIMEOUT_SECONDS", "2");
    return pb;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
