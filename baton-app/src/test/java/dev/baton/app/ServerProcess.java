package dev.baton.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/** The packaged server ({@code target/baton.jar}) as a process of its own, for black-box tests. */
final class ServerProcess {
  private ServerProcess() {}

  /**
   * Starts {@code baton server} on {@code port} with its data and blueprints under {@code dir}, its
   * output appended to {@code dir/<log>}, and returns once it answers its health check.
   */
  static Process start(Path dir, int port, Map<String, String> env, String log) throws IOException {
    Process p = launch(dir, port, env, log);
    try {
      awaitHealthy(p, dir, port, log);
    } catch (RuntimeException | Error e) {
      p.destroyForcibly();
      throw e;
    }
    return p;
  }

  private static Process launch(Path dir, int port, Map<String, String> env, String log)
      throws IOException {
    String jar = System.getProperty("baton.jar", "target/baton.jar");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(aotCache(Path.of(jar)));
    command.addAll(
        List.of(
            "--enable-native-access=ALL-UNNAMED",
            "-jar",
            jar,
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--data-dir",
            dir.resolve("data").toString(),
            "--blueprints",
            dir.resolve("blueprints").toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("BATON_LOG_LEVEL", "WARN");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile()));
    return pb.start();
  }

  /**
   * The build's AOT cache of the jar ({@code baton.aot} beside it, see baton-app's pom) when it was
   * trained on this jar: a server then starts on about half the CPU, which the tests that start
   * many feel. A stale or missing cache is left out (the JVM would only warn and load as usual).
   */
  static List<String> aotCache(Path jar) {
    Path cache = jar.resolveSibling("baton.aot");
    try {
      if (Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) > 0) {
        return List.of("-XX:AOTCache=" + cache.toAbsolutePath(), "-Xlog:aot*=off,cds*=off");
      }
    } catch (IOException e) {
      // no cache (an older JDK built the jar, or -Dbaton.aot.skip=true)
    }
    return List.of();
  }

  /**
   * Starts each server of {@code dirs} and {@code ports} at once (their JVMs start side by side,
   * sharing the wait), then returns once every one answers its health check.
   */
  static Process[] startAll(Path[] dirs, int[] ports, Map<String, String> env, String log)
      throws IOException {
    Process[] started = new Process[dirs.length];
    try {
      for (int i = 0; i < dirs.length; i++) {
        started[i] = launch(dirs[i], ports[i], env, log);
      }
      for (int i = 0; i < dirs.length; i++) {
        awaitHealthy(started[i], dirs[i], ports[i], log);
      }
    } catch (IOException | RuntimeException | Error e) {
      // The caller gets no process to stop: a node left running would outlive the test.
      for (Process p : started) {
        if (p != null) {
          p.destroyForcibly();
        }
      }
      throw e;
    }
    return started;
  }

  private static void awaitHealthy(Process p, Path dir, int port, String log) {
    try {
      awaitHealth(p, dir, port, log);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "the server on port "
              + port
              + " did not answer its health check; its log ends:\n"
              + tail(dir.resolve(log)),
          e);
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static void awaitHealth(Process p, Path dir, int port, String log) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI health = URI.create("http://127.0.0.1:" + port + "/api/v1/health");
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> {
          if (!p.isAlive()) {
            throw new AssertionError("the server exited; see " + dir.resolve(log));
          }
          return http.send(
                      HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                      HttpResponse.BodyHandlers.discarding())
                  .statusCode()
              == 200;
        });
  }

  /** A request to the server on {@code port} with the worker token and an optional JSON body. */
  static HttpResponse<String> send(
      HttpClient http, int port, String token, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Worker-Token", token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
