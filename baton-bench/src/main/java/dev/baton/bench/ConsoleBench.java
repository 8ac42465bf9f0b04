package dev.baton.bench;

import dev.baton.app.BatonApp;
import dev.baton.app.Setting;
import dev.baton.app.Settings;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The console's pages with many jobs stored: {@code jobs} jobs (1,000,000 by default) are written
 * straight into the store with a few bulk {@code INSERT ... SELECT} statements ({@link JobFill}),
 * then the whole server ({@link BatonApp}, as {@code baton server} runs it) starts on that store,
 * and each page is fetched {@code samples} times one after another over loopback: the jobs table
 * unfiltered, filtered by status (a small and a large one), by blueprint and by the start of an id,
 * the overview and its live figures. It prints p50, p99 and the maximum per page (the target is p99
 * under 100 ms); the time is the client's, on loopback, so it holds the server's whole answer.
 */
final class ConsoleBench {
  private ConsoleBench() {}

  static void run(Databases dbs, int jobs, int samples) throws Exception {
    long t0 = System.nanoTime();
    String prefix;
    try (Connection c = dbs.connection()) {
      prefix = JobFill.fill(c, dbs.kind(), jobs, System.currentTimeMillis());
    }
    Bench.print("filled", jobs, "jobs", (System.nanoTime() - t0) / 1e9);
    System.out.println("store: " + dbs.size());
    Path blueprints = Files.createTempDirectory("baton-bench-blueprints");
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.API_PORT, "0");
    flags.put(Setting.API_HOST, "127.0.0.1");
    flags.put(Setting.BLUEPRINTS_DIR, blueprints.toString());
    flags.putAll(dbs.appSettings());
    Map<String, String> env = Map.of("RATE_LIMITING_ENABLED", "false");
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("jobs", "/console/jobs");
    pages.put("jobs page 3", "/console/jobs?page=3");
    pages.put("status=failed", "/console/jobs?status=failed");
    pages.put("status=finished", "/console/jobs?status=finished");
    pages.put("blueprint", "/console/jobs?blueprint=" + JobFill.blueprint(3));
    pages.put("text", "/console/jobs?text=" + prefix);
    pages.put("overview", "/");
    pages.put("overview live", "/console/overview");
    try (BatonApp app = BatonApp.start(Settings.resolve(flags, env, null))) {
      URI base = URI.create("http://127.0.0.1:" + app.port());
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .cookieHandler(new CookieManager())
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      for (Map.Entry<String, String> page : pages.entrySet()) {
        URI uri = base.resolve(page.getValue());
        for (int i = 0; i < Math.min(20, samples); i++) {
          fetch(http, uri); // warm-up: the JIT, the database's caches
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
          long s = System.nanoTime();
          fetch(http, uri);
          nanos[i] = System.nanoTime() - s;
        }
        System.out.printf(
            Locale.ROOT, "%-16s %s  %s%n", page.getKey(), Rig.percentiles(nanos), page.getValue());
      }
    }
  }

  private static void fetch(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
    }
  }

  /** How many rows a query counts: a check that the fill is what the figures claim. */
  static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
