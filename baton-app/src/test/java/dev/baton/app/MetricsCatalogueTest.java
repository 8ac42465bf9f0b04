package dev.baton.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.worker.sdk.TaskResult;
import dev.baton.worker.sdk.Worker;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/metrics.md cannot drift from the registry: after a realistic run (jobs through the Java
 * worker SDK, a retry, a schedule's fires, a task no worker takes) every family the scrape shows is
 * in the catalogue with its type, and every Baton family the catalogue lists is in the scrape.
 */
class MetricsCatalogueTest {
  /**
   * Families only an event this run does not cause creates: a lease running out, a missed fire, a
   * robot (the per-robot series; RobotFleetBlackBoxTest's robots are not part of this run), a
   * refused webhook target.
   */
  static final Set<String> EVENT_ONLY =
      Set.of(
          "baton_leases_expired_total",
          "baton_schedule_missed_total",
          "baton_robot_utilization",
          "baton_webhook_refusals_total");

  private static final Pattern ROW = Pattern.compile("^\\| `([a-z_:0-9]+)` \\| (\\w+) \\|");

  @TempDir Path dir;

  @Test
  void everyMeterIsCataloguedAndEveryCataloguedMeterExists() throws Exception {
    Map<String, String> catalogue = catalogue();
    Map<String, String> scraped = new TreeMap<>();
    for (String line : realisticRun().split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] p = line.split(" ");
        scraped.put(p[2], p[3]);
      }
    }
    assertThat(scraped).as("families in the scrape").isNotEmpty();
    java.util.List<String> uncatalogued = new java.util.ArrayList<>();
    scraped.forEach((name, type) -> {
      if (!type.equals(catalogue.get(name))) {
        uncatalogued.add("| `" + name + "` | " + type + " |");
      }
    });
    assertThat(uncatalogued)
        .as("families missing from docs/metrics.md (or of another type)")
        .isEmpty();
    assertThat(
            catalogue.keySet().stream()
                .filter(n -> n.startsWith("baton_") || n.startsWith("hikaricp_"))
                .filter(n -> !EVENT_ONLY.contains(n) && !scraped.containsKey(n)))
        .as("catalogued Baton and pool families the scrape does not show")
        .isEmpty();
  }

  private String realisticRun() throws Exception {
    Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
    Files.writeString(
        blueprints.resolve("greet.yaml"),
        """
        name: greet
        start: run
        states:
          run:
            dispatch: { task: greet, params: {} }
            on: { success: finished }
        """);
    // No worker takes this one's task: the queue gauges have a series to show.
    Files.writeString(
        blueprints.resolve("waits.yaml"),
        """
        name: waits
        start: run
        states:
          run:
            dispatch: { task: nobody_takes_it, params: {} }
            on: { success: finished }
        """);
    AtomicInteger calls = new AtomicInteger();
    try (TestApp app =
            TestApp.start(
                dir.resolve("data"), blueprints, Map.of("WORKER_POLL_TIMEOUT_SECONDS", "2"));
        Worker worker =
            Worker.builder(URI.create("http://127.0.0.1:" + app.port()), "sdk-1")
                .token("secure-worker-token")
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .handle(
                    "greet",
                    (task, ctx) ->
                        calls.incrementAndGet() == 1
                            ? TaskResult.transientError("first attempt fails")
                            : TaskResult.success(Map.of()))
                .build()) {
      worker.start();
      String first = app.create("greet", "{}");
      String second = app.create("greet", "{}");
      app.create("waits", "{}");
      HttpResponse<String> schedule =
          app.send(
              "POST",
              "/api/v1/schedules",
              "{\"name\":\"tick\",\"blueprint\":\"greet\",\"interval_seconds\":1}");
      assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(201);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() ->
              app.job(first).path("status").asString().equals("finished")
                  && app.job(second).path("status").asString().equals("finished"));
      String body = app.send("GET", "/_public/metrics", null).body();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> app.send("GET", "/_public/metrics", null).body().contains("baton_schedule"));
      return app.send("GET", "/_public/metrics", null).body() + body;
    }
  }

  /** The catalogue's rows: family name to Prometheus type. */
  static Map<String, String> catalogue() throws Exception {
    Path doc = Path.of("..", "docs", "metrics.md");
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(doc)) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }
}
