package dev.baton.bench;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.metrics.Meters;
import dev.baton.store.Store;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What realtime subscribers cost job throughput: HTTP end to end as in {@link Observability} (16
 * clients create one-task jobs with {@code POST /api/v1/jobs}, 8 SDK workers take them over the
 * long-poll; timed from the first create to the last job finished), once with no subscriber and
 * once with {@code subscribers} clients reading {@code GET /api/v1/events?channels=<channels>} from
 * the same server the whole time, interleaved (none, some, some, none, ...) over {@code reps}
 * repetitions after one warm-up of each, every run on a fresh store and server.
 *
 * <p>The subscribers run in this process, as the workers and the load generator do: on a 2-core
 * machine their reading competes with the server for the same cores, as it would on one box. Each
 * counts the events it received; with {@code channels=jobs} (the default), a run with subscribers
 * fails unless every one of them received every job event of its run (none fell behind and was
 * ended). With {@code ws} they read the same events over the WebSocket ({@code GET
 * /api/v1/events/ws}), one message an event, and the same check holds. With {@code coalesce}, the
 * subscribers ask for {@code coalesce=true} (a job's events in one write cut to its latest), and
 * each must have received at least one event a job (its end is never cut) and none may have been
 * ended.
 */
final class SseBench {
  private static final String BLUEPRINT = "sse";
  private static final String TYPE = "sse-noop";

  private final String kind;
  private final String channels;
  private final boolean coalesce;
  private final EventReaders.Transport transport;

  private SseBench(
      String kind, String channels, boolean coalesce, EventReaders.Transport transport) {
    this.kind = kind;
    this.channels = channels;
    this.coalesce = coalesce;
    this.transport = transport;
  }

  /**
   * @param mode {@code coalesce} (SSE with {@code coalesce=true}), {@code ws} (the WebSocket), or
   *     anything else: every event over SSE
   */
  static void run(String kind, int jobs, int subscribers, int reps, String channels, String mode)
      throws Exception {
    EventReaders.Transport transport =
        mode.equals("ws") ? EventReaders.Transport.WEBSOCKET : EventReaders.Transport.SSE;
    new SseBench(kind, channels, mode.equals("coalesce"), transport).go(jobs, subscribers, reps);
  }

  private record Run(
      double perSecond, double cpuMicrosPerJob, long delivered, long bytes, long ended) {}

  private void go(int jobs, int subscribers, int reps) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%,d jobs a run, 0 and %d subscribers of %s?channels=%s%s, %d repetitions (after one"
            + " warm-up each), interleaved%n",
        jobs,
        subscribers,
        path(),
        channels,
        coalesce ? "&coalesce=true" : "",
        reps);
    run(jobs, 0);
    run(jobs, subscribers);
    double[][] rate = new double[2][reps];
    double[][] cpu = new double[2][reps];
    for (int r = 0; r < reps; r++) {
      boolean someFirst = r % 2 == 1; // alternate the order, so drift hits both alike
      for (int k = 0; k < 2; k++) {
        boolean some = (k == 0) == someFirst;
        Run run = run(jobs, some ? subscribers : 0);
        rate[some ? 1 : 0][r] = run.perSecond();
        cpu[some ? 1 : 0][r] = run.cpuMicrosPerJob();
        if (some) {
          System.out.printf(
              Locale.ROOT,
              "  rep %d with %d subscribers: %,d events delivered (%,d bytes, %.0f an event),"
                  + " %d subscribers ended%n",
              r + 1,
              subscribers,
              run.delivered(),
              run.bytes(),
              run.bytes() / (double) Math.max(1, run.delivered()),
              run.ended());
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  rep %d: 0 subscribers %,.0f jobs/s (%.0f µs CPU a job), %d subscribers %,.0f jobs/s"
              + " (%.0f µs)%n",
          r + 1,
          rate[0][r],
          cpu[0][r],
          subscribers,
          rate[1][r],
          cpu[1][r]);
    }
    double none = Observability.median(rate[0]);
    double some = Observability.median(rate[1]);
    System.out.printf(
        Locale.ROOT,
        "0 subscribers: %,.0f jobs/s (median; %,.0f–%,.0f), %d subscribers: %,.0f jobs/s (%,.0f–%,.0f);"
            + " slowdown %.1f %% [target ≤ 5 %%]%n",
        none,
        Observability.min(rate[0]),
        Observability.max(rate[0]),
        subscribers,
        some,
        Observability.min(rate[1]),
        Observability.max(rate[1]),
        (1 - some / none) * 100);
    System.out.printf(
        Locale.ROOT,
        "CPU a job: %.0f µs with 0 subscribers, %.0f µs with %d (medians)%n",
        Observability.median(cpu[0]),
        Observability.median(cpu[1]),
        subscribers);
  }

  /** One run on a fresh store and server, with that many subscribers reading throughout. */
  private Run run(int jobs, int subscribers) throws Exception {
    AtomicInteger finished = new AtomicInteger();
    AtomicLong last = new AtomicLong();
    try (Databases dbs = new Databases();
        Store store = dbs.open(kind)) {
      WebSocketChannel channel = new WebSocketChannel();
      Engine.Builder b =
          Engine.builder(store)
              .workerChannel(channel)
              .listener((Job job) -> {
                if (job.status() == JobStatus.FINISHED) {
                  last.set(System.nanoTime());
                  finished.incrementAndGet();
                }
              });
      try (Meters meters = Meters.create();
          Engine engine = b.build()) {
        engine.register(Rig.oneTask(BLUEPRINT, TYPE));
        engine.start();
        ServerOptions options =
            ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0).withRateLimiting(false);
        try (BatonServer server = BatonServer.start(engine, channel, options, List.of(), meters);
            Rig.NativeClient client =
                new Rig.NativeClient(URI.create("http://127.0.0.1:" + server.port()));
            EventReaders subs =
                new EventReaders(
                    URI.create(
                        "http://127.0.0.1:"
                            + server.port()
                            + path()
                            + "?channels="
                            + channels
                            + (coalesce ? "&coalesce=true" : "")),
                    subscribers,
                    transport)) {
          Rig.awaitTrue(
              () -> server.events().subscribers() >= subscribers,
              Duration.ofSeconds(30),
              () -> server.events().subscribers() + " of " + subscribers + " subscribed");
          long before = server.events().lastId();
          List<dev.baton.worker.sdk.Worker> workers =
              Rig.startNoopWorkers(
                  URI.create("http://127.0.0.1:" + server.port()),
                  TYPE,
                  E2e.WORKERS,
                  E2e.CONCURRENCY);
          try {
            long t0 = System.nanoTime();
            long cpu0 = Rig.processCpuNanos();
            Rig.createJobs(client, BLUEPRINT, jobs);
            Rig.awaitTrue(
                () -> finished.get() >= jobs,
                Duration.ofMinutes(5),
                () -> finished.get() + " of " + jobs + " finished");
            double perSecond = jobs / ((last.get() - t0) / 1e9);
            double cpu = (Rig.processCpuNanos() - cpu0) / 1e3 / jobs;
            long published = server.events().lastId() - before;
            if (subscribers > 0 && channels.equals("jobs") && coalesce) {
              // A job's end is never cut, so each subscriber has at least one event a job.
              Rig.awaitTrue(
                  () -> subs.least() >= jobs || ended(server, subscribers) > 0,
                  Duration.ofSeconds(60),
                  () -> "the slowest subscriber has " + subs.least() + " events for " + jobs);
              Thread.sleep(
                  2 * dev.baton.server.events.EventStream.COALESCED_PACE.toMillis()); // the rest
              if (ended(server, subscribers) > 0) {
                throw new IllegalStateException(
                    ended(server, subscribers) + " subscribers fell behind and were ended");
              }
            } else if (subscribers > 0 && channels.equals("jobs")) {
              // Every subscriber gets every event of the run, or the run does not count.
              // One that fell behind was ended and left the hub.
              Rig.awaitTrue(
                  () -> subs.least() >= published || ended(server, subscribers) > 0,
                  Duration.ofSeconds(60),
                  () -> "the slowest subscriber has " + subs.least() + " of " + published);
              if (ended(server, subscribers) > 0) {
                throw new IllegalStateException(
                    ended(server, subscribers) + " subscribers fell behind and were ended");
              }
            }
            return new Run(
                perSecond, cpu, subs.total(), subs.bytes.sum(), ended(server, subscribers));
          } finally {
            workers.forEach(dev.baton.worker.sdk.Worker::close);
          }
        }
      }
    }
  }

  private String path() {
    return transport == EventReaders.Transport.WEBSOCKET ? "/api/v1/events/ws" : "/api/v1/events";
  }

  private static int ended(BatonServer server, int subscribers) {
    return Math.max(0, subscribers - server.events().subscribers());
  }
}
