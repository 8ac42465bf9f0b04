package dev.baton.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build's training run for the JDK's ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25):
 * a server started on a scratch folder answers a few requests of each kind and stops. The classes
 * that loaded and linked on the way are what the cache holds, so a later start with {@code
 * -XX:AOTCache} finds them ready instead of loading them again (about half the CPU of a start, see
 * the README). Nothing here changes what a server does; a request that fails only trains less.
 */
final class AotTraining {
  /** GETs of the public and console pages; an open server (no clients file) answers them all. */
  private static final List<String> PATHS =
      List.of(
          "/api/v1/health",
          "/api/openapi.yaml",
          "/api/v1/jobs?limit=5",
          "/api/v1/blueprints",
          "/api/v1/workers",
          "/api/v1/robots",
          "/api/v1/schedules",
          "/api/v1/ledger?limit=5",
          "/metrics",
          "/",
          "/console/jobs",
          "/console/robots",
          "/console/schedules");

  private AotTraining() {}

  /** A new, empty data folder for the training server. */
  static String scratch() {
    try {
      return Files.createTempDirectory("baton-aot-training").toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a folder for the AOT training run", e);
    }
  }

  /** Deletes the training server's data folder with everything in it. */
  static void forget(String dataDir) {
    try (Stream<Path> all = Files.walk(Path.of(dataDir))) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary folder left behind is the system's to clean.
    }
  }

  static void run(int port) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (String path : PATHS) {
      HttpRequest get =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
      try {
        http.send(get, HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        // Training only: a page that cannot be fetched leaves its classes out of the cache.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
