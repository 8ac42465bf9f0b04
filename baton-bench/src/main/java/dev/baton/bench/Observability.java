package dev.baton.bench;

import com.sun.net.httpserver.HttpServer;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskResult;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.metrics.EngineMeters;
import dev.baton.server.metrics.Meters;
import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import dev.baton.tracing.Tracing;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What metrics and tracing cost: drain throughput (as {@link Drain}: jobs created in process, then
 * 8 threads poll and complete in batches; the drain is timed) and HTTP end-to-end throughput (jobs
 * created with {@code POST /api/v1/jobs} while 8 SDK workers take them; timed from the first create
 * to the last job finished), each with observability off and on, interleaved (off, on, on, off,
 * ...) over {@code reps} repetitions after one warm-up of each, every run on a fresh store.
 *
 * <p>On: the engine's and the store's Micrometer meters, and OpenTelemetry tracing sampling 100 %
 * with the OTLP/HTTP exporter sending to a local sink that accepts and discards. Off: no engine
 * observer at all in the drain; over HTTP the server always binds its meters (there is no switch),
 * so there off means tracing and the store's meters off.
 */
final class Observability {
  private final String kind;
  private final Parts parts;
  private final HttpServer sink;
  private final AtomicLong exported = new AtomicLong();

  /** What "on" turns on: both, or one of them alone (to see which costs what). */
  enum Parts {
    BOTH,
    METERS,
    TRACING;

    static Parts of(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "observability parts must be both, meters or tracing, was '" + name + "'", e);
      }
    }
  }

  private Observability(String kind, Parts parts) throws Exception {
    this.kind = kind;
    this.parts = parts;
    sink = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    sink.createContext(
        "/",
        ex -> {
          try (ex;
              InputStream in = ex.getRequestBody()) {
            exported.addAndGet(in.readAllBytes().length);
            ex.sendResponseHeaders(200, -1);
          }
        });
    sink.start();
  }

  static void run(String kind, int drainJobs, int e2eJobs, int reps, Parts parts) throws Exception {
    Observability o = new Observability(kind, parts);
    try {
      o.go(drainJobs, e2eJobs, reps);
    } finally {
      o.sink.stop(0);
    }
  }

  private void go(int drainJobs, int e2eJobs, int reps) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "drain %,d jobs, e2e %,d jobs, %d repetitions (after one warm-up each), off/on"
            + " interleaved; on: %s%n",
        drainJobs,
        e2eJobs,
        reps,
        parts.name().toLowerCase(Locale.ROOT));
    drain(drainJobs, false);
    drain(drainJobs, true);
    e2e(e2eJobs, false);
    e2e(e2eJobs, true);
    double[][] results = new double[4][reps]; // drain off, drain on, e2e off, e2e on
    double[][] cpu = new double[4][reps]; // the same runs' CPU per job
    for (int r = 0; r < reps; r++) {
      boolean onFirst = r % 2 == 1; // alternate the order, so drift hits both alike
      for (int k = 0; k < 2; k++) {
        boolean on = (k == 0) == onFirst;
        Run d = drain(drainJobs, on);
        Run e = e2e(e2eJobs, on);
        results[on ? 1 : 0][r] = d.perSecond();
        cpu[on ? 1 : 0][r] = d.cpuMicrosPerJob();
        results[on ? 3 : 2][r] = e.perSecond();
        cpu[on ? 3 : 2][r] = e.cpuMicrosPerJob();
      }
      System.out.printf(
          Locale.ROOT,
          "  rep %d: drain off %,.0f on %,.0f jobs/s (%.0f / %.0f µs CPU a job); e2e off %,.0f on"
              + " %,.0f jobs/s (%.0f / %.0f µs)%n",
          r + 1,
          results[0][r],
          results[1][r],
          cpu[0][r],
          cpu[1][r],
          results[2][r],
          results[3][r],
          cpu[2][r],
          cpu[3][r]);
    }
    System.out.printf(Locale.ROOT, "OTLP sink received %,d KiB of spans%n", exported.get() / 1024);
    System.out.println(
        "| run | observability off, jobs/s: median (min–max) | on, jobs/s: median (min–max) |"
            + " on/off (medians) | on/off per repetition: median (min–max) |");
    System.out.println("|---|---|---|---|---|");
    row("drain (in process)", results[0], results[1]);
    row("end to end (HTTP)", results[2], results[3]);
    // CPU is the steadier measure on a shared machine: other load slows a run, but adds little to
    // the CPU this process spends on each job.
    System.out.println();
    System.out.println(
        "| run | CPU a job off, µs: median (min–max) | on, µs: median (min–max) | on/off (medians)"
            + " | on/off per repetition: median (min–max) |");
    System.out.println("|---|---|---|---|---|");
    row("drain (in process)", cpu[0], cpu[1]);
    row("end to end (HTTP)", cpu[2], cpu[3]);
  }

  /**
   * One run's throughput and the process's CPU per job over it (all threads: the engine's, the
   * store writer's, the exporter's, and over HTTP the server's, the workers' and the client's),
   * counted until the spans of the run are exported.
   */
  private record Run(double perSecond, double cpuMicrosPerJob) {}

  /** A row of the table; the paired ratios compare runs next to each other, under like load. */
  private static void row(String what, double[] off, double[] on) {
    double[] paired = new double[off.length];
    for (int i = 0; i < off.length; i++) {
      paired[i] = on[i] / off[i];
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %,.0f (%,.0f–%,.0f) | %,.0f (%,.0f–%,.0f) | %.3f | %.3f (%.3f–%.3f) |%n",
        what,
        median(off),
        min(off),
        max(off),
        median(on),
        min(on),
        max(on),
        median(on) / median(off),
        median(paired),
        min(paired),
        max(paired));
  }

  /** One drain run on a fresh store; returns jobs per second of the drain. */
  private Run drain(int jobs, boolean on) throws Exception {
    try (Databases dbs = new Databases();
        Store store = dbs.open(kind);
        Observed o = observed(store, on)) {
      Engine.Builder b = Engine.builder(store);
      if (o.tracing != null) {
        b.observer(o.tracing.observer());
      }
      try (Engine engine = b.build()) {
        if (o.meters != null) {
          EngineMeters.bind(engine, o.meters);
        }
        engine.register(Rig.oneTask("noop", "noop"));
        for (int i = 0; i < 8; i++) {
          engine.registerWorker(Map.of("worker_id", "h" + i, "supported_tasks", List.of("noop")));
        }
        AtomicInteger next = new AtomicInteger();
        Drain.parallel(
            8,
            i -> {
              while (next.getAndIncrement() < jobs) {
                engine.createJob(NewJob.of("noop", Map.of("n", 1L)));
              }
            });
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        long cpu0 = Rig.processCpuNanos();
        Drain.parallel(
            8,
            i -> {
              String worker = "h" + i;
              while (done.get() < jobs) {
                List<Task> tasks = engine.poll(worker, 64, Duration.ZERO);
                if (tasks.isEmpty()) {
                  Thread.onSpinWait();
                  continue;
                }
                List<Engine.Completion> results = new ArrayList<>();
                for (Task t : tasks) {
                  results.add(new Engine.Completion(t.id(), worker, TaskResult.success(Map.of())));
                }
                engine.completeAll(results);
                done.addAndGet(tasks.size());
              }
            });
        double seconds = (System.nanoTime() - t0) / 1e9;
        o.flush();
        double cpu = (Rig.processCpuNanos() - cpu0) / 1e3 / jobs;
        check(store, jobs);
        return new Run(jobs / seconds, cpu);
      }
    }
  }

  /** One end-to-end run on a fresh store and server; returns jobs per second. */
  private Run e2e(int jobs, boolean on) throws Exception {
    AtomicInteger finished = new AtomicInteger();
    AtomicLong last = new AtomicLong();
    try (Databases dbs = new Databases();
        Store store = dbs.open(kind);
        Observed o = observed(store, on)) {
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
      if (o.tracing != null) {
        b.observer(o.tracing.observer());
      }
      Meters meters = o.meters != null ? o.meters : Meters.create();
      try (Engine engine = b.build()) {
        engine.register(Rig.oneTask("e2e", "e2e-noop"));
        engine.start();
        ServerOptions options =
            ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0).withRateLimiting(false);
        try (BatonServer server = BatonServer.start(engine, channel, options, List.of(), meters);
            Rig.NativeClient client =
                new Rig.NativeClient(java.net.URI.create("http://127.0.0.1:" + server.port()))) {
          List<dev.baton.worker.sdk.Worker> workers =
              Rig.startNoopWorkers(
                  java.net.URI.create("http://127.0.0.1:" + server.port()), "e2e-noop", 8, 8);
          try {
            long t0 = System.nanoTime();
            long cpu0 = Rig.processCpuNanos();
            Rig.createJobs(client, "e2e", jobs);
            Rig.awaitTrue(
                () -> finished.get() >= jobs,
                Duration.ofMinutes(5),
                () -> finished.get() + " of " + jobs + " finished");
            double perSecond = jobs / ((last.get() - t0) / 1e9);
            o.flush();
            return new Run(perSecond, (Rig.processCpuNanos() - cpu0) / 1e3 / jobs);
          } finally {
            workers.forEach(dev.baton.worker.sdk.Worker::close);
          }
        } finally {
          if (o.meters == null) {
            meters.close();
          }
        }
      }
    }
  }

  /** Meters and tracing for a run that has them on; closing flushes and stops them. */
  private record Observed(@Nullable Meters meters, @Nullable Tracing tracing)
      implements AutoCloseable {
    /** Exports the spans still buffered, so that their cost counts in the run that made them. */
    void flush() {
      if (tracing != null) {
        tracing.flush();
      }
    }

    @Override
    public void close() {
      if (tracing != null) {
        tracing.close();
      }
      if (meters != null) {
        meters.close();
      }
    }
  }

  private Observed observed(Store store, boolean on) {
    if (!on) {
      return new Observed(null, null);
    }
    Meters meters = null;
    if (parts != Parts.TRACING) {
      meters = Meters.create();
      if (store instanceof JdbcStore jdbc) {
        jdbc.bindMeters(meters.registry());
      }
    }
    String endpoint = "http://127.0.0.1:" + sink.getAddress().getPort();
    Tracing tracing = parts == Parts.METERS ? null : Tracing.otlp(endpoint, 1.0, "baton-bench");
    return new Observed(meters, tracing);
  }

  private static void check(Store store, int jobs) {
    long finished = store.countJobs().getOrDefault(JobStatus.FINISHED, 0L);
    if (finished != jobs) {
      throw new IllegalStateException("only " + finished + " of " + jobs + " jobs finished");
    }
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  static double min(double[] xs) {
    return Arrays.stream(xs).min().orElse(0);
  }

  static double max(double[] xs) {
    return Arrays.stream(xs).max().orElse(0);
  }
}
