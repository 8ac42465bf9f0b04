package dev.baton.bench;

import dev.baton.engine.Engine;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.events.EventHub;
import dev.baton.server.metrics.Meters;
import dev.baton.store.Store;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * What delivering events costs, without a job workload to blur it: one thread publishes {@code
 * rate} job-shaped events a second (as {@code jobs} events, 5 fields) on a server's hub for {@code
 * seconds}, once with no subscriber and once with {@code subscribers} reading them all (SSE or the
 * WebSocket, as in {@link SseBench}), alternated over {@code reps}; prints this process's CPU per
 * event published for each, and the difference per delivered event. At 2 events a job, twice the
 * difference a published event is what the subscribers add to a job's CPU.
 */
final class FanoutBench {
  private FanoutBench() {}

  static void run(
      String kind,
      int rate,
      int seconds,
      int subscribers,
      int reps,
      EventReaders.Transport transport)
      throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%,d events/s for %d s, 0 and %d subscribers over %s, %d repetitions (after one warm-up"
            + " each), alternated%n",
        rate,
        seconds,
        subscribers,
        transport,
        reps);
    once(kind, rate, seconds, 0, transport);
    once(kind, rate, seconds, subscribers, transport);
    double[][] cpu = new double[2][reps];
    for (int r = 0; r < reps; r++) {
      for (int k = 0; k < 2; k++) {
        boolean some = (k == 0) == (r % 2 == 1);
        cpu[some ? 1 : 0][r] = once(kind, rate, seconds, some ? subscribers : 0, transport);
      }
      System.out.printf(
          Locale.ROOT,
          "  rep %d: %.1f µs CPU an event with 0 subscribers, %.1f µs with %d%n",
          r + 1,
          cpu[0][r],
          cpu[1][r],
          subscribers);
    }
    double none = Observability.median(cpu[0]);
    double some = Observability.median(cpu[1]);
    System.out.printf(
        Locale.ROOT,
        "CPU an event (medians): %.1f µs with 0 subscribers, %.1f µs with %d: %.0f µs more a job"
            + " of 2 events, %.2f µs a delivered event%n",
        none,
        some,
        subscribers,
        2 * (some - none),
        (some - none) / Math.max(1, subscribers));
  }

  /** One run on a fresh server: µs of process CPU per event published. */
  private static double once(
      String kind, int rate, int seconds, int subscribers, EventReaders.Transport transport)
      throws Exception {
    try (Databases dbs = new Databases();
        Store store = dbs.open(kind)) {
      WebSocketChannel channel = new WebSocketChannel();
      try (Meters meters = Meters.create();
          Engine engine = Engine.builder(store).workerChannel(channel).build()) {
        engine.start();
        ServerOptions options =
            ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0).withRateLimiting(false);
        try (BatonServer server = BatonServer.start(engine, channel, options, List.of(), meters)) {
          String path =
              transport == EventReaders.Transport.WEBSOCKET
                  ? "/api/v1/events/ws"
                  : "/api/v1/events";
          URI uri = URI.create("http://127.0.0.1:" + server.port() + path + "?channels=jobs");
          try (EventReaders readers = new EventReaders(uri, subscribers, transport)) {
            EventHub hub = server.events();
            Rig.awaitTrue(
                () -> hub.subscribers() >= subscribers,
                Duration.ofSeconds(30),
                () -> hub.subscribers() + " of " + subscribers + " subscribed");
            int events = rate * seconds;
            long cpu0 = Rig.processCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
              long due = start + (long) (i * 1e9 / rate);
              long wait = due - System.nanoTime();
              if (wait > 0) {
                LockSupport.parkNanos(wait);
              }
              hub.publish("jobs", "job.finished", "bench", event(i));
            }
            long published = events;
            Rig.awaitTrue(
                () ->
                    subscribers == 0
                        || readers.least() >= published
                        || hub.subscribers() < subscribers,
                Duration.ofSeconds(60),
                () -> "the slowest subscriber has " + readers.least() + " of " + published);
            double cpu = (Rig.processCpuNanos() - cpu0) / 1e3 / events;
            if (hub.subscribers() < subscribers) {
              throw new IllegalStateException(
                  (subscribers - hub.subscribers()) + " subscribers fell behind and were ended");
            }
            return cpu;
          }
        }
      }
    }
  }

  /** A job event as the engine's listener makes it: id, blueprint, state, status. */
  private static Map<String, Object> event(int i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", String.format(Locale.ROOT, "01KBENCH%018d", i));
    m.put("blueprint", "sse");
    m.put("state", "done");
    m.put("status", "finished");
    return m;
  }
}
