package dev.baton.bench;

import dev.baton.store.Store;
import java.util.Locale;

/**
 * Baton's benchmarks. {@code java -jar baton-bench.jar
 * <drain|e2e|latency|memory|schedules|loop|robots|scenarios|console|observability|sse|fanout|peers>
 * <sqlite|postgres> [n] [...]}. Each prints one line per measurement; run on an otherwise idle
 * machine and repeat.
 *
 * <ul>
 *   <li>{@code drain [jobs=20000] [batch=64]}: in-process create, then 8 threads poll and complete
 *       in batches ({@link Drain}).
 *   <li>{@code e2e [jobs=20000] [clients=16] [pollers=4]}: HTTP create, 8 SDK workers over the
 *       long-poll ({@link E2e}).
 *   <li>{@code latency [samples=2000] [pauseMs=5]}: create to task start, one job at a time, in
 *       process and over HTTP ({@link Latency}).
 *   <li>{@code memory [jobs=100000] [threads=16]}: RSS and heap with many waiting jobs ({@link
 *       Memory}).
 *   <li>{@code schedules [schedules=1000] [seconds=30]}: missed fires and lateness of schedules
 *       that each fire every second, and on PostgreSQL the WAL per fire ({@link ScheduleBench}).
 *   <li>{@code loop [jobs=10000] [cycles=50]}: control cycle time with that many jobs waiting,
 *       ledger appends per second and the time of a filtered ledger page ({@link LoopBench}).
 *   <li>{@code robots [jobs=5000] [robots=8] [slots=4] [samples=500]}: robot jobs through
 *       CasareRPA's WebSocket protocol, and their dispatch latency ({@link Robots}).
 *   <li>{@code scenarios [runs=300] [components=4]}: scenario runs one after another, each a
 *       durable job with one task per action, with and without commands to simulated components
 *       over HTTP ({@link Scenarios}).
 *   <li>{@code console [jobs=1000000] [samples=200]}: server time of the console's jobs table
 *       (unfiltered and filtered) and overview with that many jobs stored ({@link ConsoleBench}).
 *   <li>{@code cost [jobs=5000] [batch=64] [bulk=0]}: transactions and WAL bytes per one-task job
 *       on PostgreSQL, create and drain apart, by table and index ({@link DbCost}).
 *   <li>{@code observability [drainJobs=3000] [e2eJobs=1500] [reps=5] [both|meters|tracing]}: drain
 *       and HTTP end-to-end throughput with metrics and tracing (OTLP to a local sink, sampling 100
 *       %) off and on, interleaved, on a fresh store each run; on turns both on, or one alone
 *       ({@link Observability}).
 *   <li>{@code sse [jobs=3000] [subscribers=200] [reps=3] [channels=jobs] [coalesce|ws]}: HTTP
 *       end-to-end throughput with no subscriber and with that many reading {@code GET
 *       /api/v1/events} on the same server (with {@code coalesce=true} when the word is given; over
 *       the WebSocket {@code /api/v1/events/ws} with {@code ws}), interleaved, and the slowdown in
 *       % ({@link SseBench}).
 *   <li>{@code fanout [events/s=500] [seconds=10] [subscribers=200] [reps=3] [sse|ws]}: the CPU an
 *       event costs with no subscriber and with that many reading every one, without a job workload
 *       ({@link FanoutBench}).
 *   <li>{@code peers postgres [--quick] [--reps 3] [--jobs 20000] [--pg-url URL] ...}: Baton
 *       embedded side by side with db-scheduler, JobRunr and Quartz (W1 enqueue and drain, W2
 *       dispatch latency, W3 schedules every second), every run a fresh JVM and database ({@link
 *       dev.baton.bench.peers.PeerComparison}; {@code --help} lists the options).
 * </ul>
 *
 * PostgreSQL comes from {@code BATON_BENCH_PG_URL} or embedded binaries (see {@link Databases}).
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "drain";
    String kind = args.length > 1 ? args[1] : "sqlite";
    System.out.printf(
        Locale.ROOT,
        "baton bench %s on %s (%d cores, java %s, load average %s)%n",
        which,
        kind,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        loadAverage());
    if (which.equals("peers")) {
      // Each run opens its own database in its own JVM; no store here.
      if (!kind.equals("postgres")) {
        throw new IllegalArgumentException("bench peers runs on postgres only; was " + kind);
      }
      dev.baton.bench.peers.PeerComparison.run(
          java.util.Arrays.asList(args).subList(2, args.length));
      System.exit(0);
    }
    try (Databases dbs = new Databases();
        Store store = dbs.open(kind)) {
      switch (which) {
        case "drain" -> Drain.run(store, intArg(args, 2, 20_000), 8, intArg(args, 3, 64));
        case "e2e" ->
            E2e.run(store, intArg(args, 2, 20_000), intArg(args, 3, 16), intArg(args, 4, 4));
        case "latency" -> Latency.run(store, intArg(args, 2, 2_000), intArg(args, 3, 5));
        case "memory" -> Memory.run(store, dbs, intArg(args, 2, 100_000), intArg(args, 3, 16));
        case "schedules" ->
            ScheduleBench.run(store, dbs, intArg(args, 2, 1000), intArg(args, 3, 30));
        case "loop" -> LoopBench.run(store, intArg(args, 2, 10_000), intArg(args, 3, 50));
        case "robots" ->
            Robots.run(
                store,
                intArg(args, 2, 5_000),
                intArg(args, 3, 8),
                intArg(args, 4, 4),
                intArg(args, 5, 500));
        case "console" -> ConsoleBench.run(dbs, intArg(args, 2, 1_000_000), intArg(args, 3, 200));
        case "scenarios" -> Scenarios.run(store, intArg(args, 2, 300), intArg(args, 3, 4));
        case "cost" ->
            DbCost.run(
                store, dbs, intArg(args, 2, 5_000), intArg(args, 3, 64), intArg(args, 4, 0) == 1);
        case "observability" ->
            Observability.run(
                kind,
                intArg(args, 2, 3_000),
                intArg(args, 3, 1_500),
                intArg(args, 4, 5),
                Observability.Parts.of(args.length > 5 ? args[5] : "both"));
        case "sse" ->
            SseBench.run(
                kind,
                intArg(args, 2, 3_000),
                intArg(args, 3, 200),
                intArg(args, 4, 3),
                args.length > 5 ? args[5] : "jobs",
                args.length > 6 ? args[6] : "every");
        case "fanout" ->
            FanoutBench.run(
                kind,
                intArg(args, 2, 500),
                intArg(args, 3, 10),
                intArg(args, 4, 200),
                intArg(args, 5, 3),
                args.length > 6 && args[6].equals("ws")
                    ? EventReaders.Transport.WEBSOCKET
                    : EventReaders.Transport.SSE);
        default -> throw new IllegalArgumentException("unknown benchmark: " + which);
      }
    }
    System.exit(0);
  }

  /** The machine's 1-minute load average, from {@code /proc/loadavg}: is the machine quiet? */
  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
          .split(" ", -1)[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static int intArg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }

  static void print(String what, long count, String unit, double seconds) {
    System.out.printf(
        Locale.ROOT,
        "%-10s %,8d %s in %6.2f s = %,10.0f %s/s%n",
        what,
        count,
        unit,
        seconds,
        count / seconds,
        unit);
  }
}
