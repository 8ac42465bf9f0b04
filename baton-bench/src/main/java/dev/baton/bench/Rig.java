package dev.baton.bench;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.JobListener;
import dev.baton.job.TaskSpec;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.store.Store;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server benchmarks share: an engine with a {@link BatonServer} on loopback, a small
 * client of the native API, bounded waiting, percentiles and the process's memory.
 */
final class Rig implements AutoCloseable {
  static final String TOKEN = ServerOptions.DEFAULT_WORKER_TOKEN;
  private static final Pattern ID = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");

  final Engine engine;
  final BatonServer server;
  final URI base;

  private Rig(Engine engine, BatonServer server) {
    this.engine = engine;
    this.server = server;
    this.base = URI.create("http://127.0.0.1:" + server.port());
  }

  /** An engine (sweeper running) and a server on 127.0.0.1 at a free port. */
  static Rig start(Store store, List<JobListener> listeners, List<Blueprint> blueprints) {
    WebSocketChannel channel = new WebSocketChannel();
    Engine.Builder b = Engine.builder(store).workerChannel(channel);
    listeners.forEach(b::listener);
    Engine engine = b.build();
    blueprints.forEach(engine::register);
    engine.start();
    BatonServer server =
        BatonServer.start(
            engine,
            channel,
            // Avtomatika's default limit (5 requests per path per minute) would measure the
            // limiter.
            ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0).withRateLimiting(false));
    return new Rig(engine, server);
  }

  /** A blueprint whose job runs one task of {@code taskType} and then finishes. */
  static Blueprint oneTask(String name, String taskType) {
    return Blueprint.builder(name)
        .start("run")
        .dispatch("run", TaskSpec.of(taskType, Map.of()), Map.of("success", "finished"))
        .build();
  }

  /** An SDK worker on this server, taking {@code taskType}; not started. */
  dev.baton.worker.sdk.Worker worker(
      String id,
      String taskType,
      int concurrency,
      int pollers,
      dev.baton.worker.sdk.TaskHandler h) {
    return worker(base, id, taskType, concurrency, pollers, h);
  }

  /** An SDK worker on the server at {@code base}, taking {@code taskType}; not started. */
  static dev.baton.worker.sdk.Worker worker(
      URI base,
      String id,
      String taskType,
      int concurrency,
      int pollers,
      dev.baton.worker.sdk.TaskHandler h) {
    return dev.baton.worker.sdk.Worker.builder(base, id)
        .token(TOKEN)
        .concurrency(concurrency)
        .pollers(pollers)
        .drainTimeout(Duration.ofSeconds(5))
        .handle(taskType, h)
        .build();
  }

  /**
   * Starts {@code count} no-op SDK workers (w0, w1, ...) on the server at {@code base}, each with
   * {@code concurrency} slots and 4 pollers; the caller closes them.
   */
  static List<dev.baton.worker.sdk.Worker> startNoopWorkers(
      URI base, String taskType, int count, int concurrency) {
    List<dev.baton.worker.sdk.Worker> workers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      dev.baton.worker.sdk.Worker w =
          worker(
              base,
              "w" + i,
              taskType,
              concurrency,
              4,
              (task, ctx) -> dev.baton.worker.sdk.TaskResult.success());
      w.start();
      workers.add(w);
    }
    return workers;
  }

  /** Creates jobs 0 to {@code jobs - 1} of {@code blueprint} over HTTP from 16 virtual threads. */
  static void createJobs(NativeClient client, String blueprint, int jobs)
      throws InterruptedException {
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    virtualThreads(
        16,
        i -> {
          int n;
          while ((n = next.getAndIncrement()) < jobs) {
            client.createJob(blueprint, n);
          }
        });
  }

  /** The CPU time of this whole process so far, every thread's. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Waits (bounded) until the engine knows {@code count} workers. */
  void awaitWorkers(int count) throws InterruptedException {
    awaitTrue(
        () -> engine.workers().size() >= count,
        Duration.ofSeconds(30),
        () -> "only " + engine.workers().size() + " of " + count + " workers registered");
  }

  @Override
  public void close() {
    server.close();
    engine.close();
  }

  /** {@code POST /api/v1/jobs} over HTTP/1.1 on loopback. */
  static final class NativeClient implements AutoCloseable {
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI jobs;

    NativeClient(URI base) {
      this.jobs = base.resolve("/api/v1/jobs");
    }

    /** Creates a job of {@code blueprint} with input {@code {"n": n}}; returns its id. */
    String createJob(String blueprint, long n) throws IOException, InterruptedException {
      String body = "{\"blueprint\":\"" + blueprint + "\",\"input\":{\"n\":" + n + "}}";
      HttpRequest request =
          HttpRequest.newBuilder(jobs)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IOException("create answered " + response.statusCode() + ": " + response.body());
      }
      Matcher m = ID.matcher(response.body());
      if (!m.find()) {
        throw new IOException("no id in " + response.body());
      }
      return m.group(1);
    }

    @Override
    public void close() {
      http.close();
    }
  }

  // ---- helpers

  interface Body {
    void run(int index) throws Exception;
  }

  /** Runs {@code body} on {@code threads} virtual threads and waits for all; rethrows a failure. */
  static void virtualThreads(int threads, Body body) throws InterruptedException {
    List<Thread> ts = new ArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    for (int i = 0; i < threads; i++) {
      int index = i;
      ts.add(
          Thread.ofVirtual()
              .name("bench-client-" + i)
              .start(() -> {
                try {
                  body.run(index);
                } catch (Throwable e) {
                  errors.add(e);
                }
              }));
    }
    for (Thread t : ts) {
      t.join();
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException("a benchmark thread failed", errors.get(0));
    }
  }

  interface Message {
    String get();
  }

  /** Checks {@code done} every 5 ms until it holds; throws when {@code max} has passed. */
  static void awaitTrue(BooleanSupplier done, Duration max, Message failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("gave up after " + max + ": " + failure.get());
      }
      Thread.sleep(5);
    }
  }

  /** Milliseconds from nanoseconds. */
  static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** p50, p90, p99 and max of {@code nanos}, in ms, as one line. */
  static String percentiles(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    double mean = Arrays.stream(s).average().orElse(0);
    return String.format(
        Locale.ROOT,
        "mean %7.2f  p50 %7.2f  p90 %7.2f  p99 %7.2f  max %8.2f ms (n=%d)",
        mean / 1e6,
        ms(at(s, 0.50)),
        ms(at(s, 0.90)),
        ms(at(s, 0.99)),
        ms(s.length == 0 ? 0 : s[s.length - 1]),
        s.length);
  }

  /** Nearest-rank percentile of a sorted array. */
  private static long at(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /**
   * CPU time of the process and of its live native threads (GC and JIT included), grouped by name
   * with digits masked. Linux names are cut at 15 characters; virtual threads show up as their
   * carriers, {@code ForkJoinPool-#-w}.
   */
  static final class Cpu {
    private static final long TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private final long process;
    private final long postgres;
    private final long machine;
    private final long wall;
    private final Map<String, Long> groups;

    private Cpu(long process, long postgres, long machine, long wall, Map<String, Long> groups) {
      this.process = process;
      this.postgres = postgres;
      this.machine = machine;
      this.wall = wall;
      this.groups = groups;
    }

    /** From {@code /proc/self/task/*}: every native thread, GC and JIT included. */
    static Cpu now() {
      Map<String, Long> groups = new java.util.HashMap<>();
      long process = 0;
      try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
        for (Path task : tasks.toList()) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            // comm is in parentheses and may contain spaces; utime and stime are fields 14 and 15.
            int close = stat.lastIndexOf(')');
            String comm = stat.substring(stat.indexOf('(') + 1, close);
            String[] f = stat.substring(close + 2).split(" ", -1);
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long nanos = ticks * TICK;
            groups.merge(comm.replaceAll("[0-9]+", "#"), nanos, Long::sum);
          } catch (IOException | RuntimeException e) {
            // the thread ended while we looked
          }
        }
        // The process's own counters also keep the time of threads that have ended.
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
        process = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK;
      } catch (IOException | RuntimeException e) {
        // not Linux
      }
      return new Cpu(process, postgresNanos(), machineBusyNanos(), System.nanoTime(), groups);
    }

    /** CPU of every process named postgres on the machine (a local server's backends). */
    private static long postgresNanos() {
      long sum = 0;
      try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
        for (Path proc : procs.toList()) {
          if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
            continue;
          }
          try {
            String stat = Files.readString(proc.resolve("stat"));
            int close = stat.lastIndexOf(')');
            if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
              continue;
            }
            String[] f = stat.substring(close + 2).split(" ", -1);
            sum += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK;
          } catch (IOException | RuntimeException e) {
            // gone, or not ours to read
          }
        }
      } catch (IOException e) {
        // not Linux
      }
      return sum;
    }

    /** Busy CPU of the whole machine (every process, ours or not), from {@code /proc/stat}. */
    private static long machineBusyNanos() {
      try {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+", -1);
        long busy = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
          if (i != 4 && i != 5) { // idle, iowait
            busy += Long.parseLong(f[i]);
          }
        }
        return busy * TICK;
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }

    /** One line: CPU used since {@code before}, per job and per thread group (top 8). */
    String since(Cpu before, int jobs) {
      long cpu = process - before.process;
      double wallS = (wall - before.wall) / 1e9;
      StringBuilder sb =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "  cpu %.1f s (%.2f cores), %.3f ms/job; postgres %.2f cores; machine %.2f cores"
                      + " busy; threads:",
                  cpu / 1e9,
                  cpu / 1e9 / wallS,
                  cpu / 1e6 / jobs,
                  (postgres - before.postgres) / 1e9 / wallS,
                  (machine - before.machine) / 1e9 / wallS));
      groups.entrySet().stream()
          .map(
              e -> Map.entry(e.getKey(), e.getValue() - before.groups.getOrDefault(e.getKey(), 0L)))
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(8)
          .forEach(e ->
              sb.append(
                  String.format(
                      Locale.ROOT, " %s %.0f%%", e.getKey(), 100.0 * e.getValue() / cpu)));
      return sb.toString();
    }
  }

  /**
   * Fields of {@code /proc/self/status} in KiB (counts for {@code Threads}): {@code VmRSS}, {@code
   * VmHWM}, {@code RssAnon}, {@code RssFile}, {@code Threads}; -1 where unknown (not Linux).
   */
  static long[] procStatus() {
    String[] names = {"VmRSS:", "VmHWM:", "RssAnon:", "RssFile:", "Threads:"};
    long[] out = {-1, -1, -1, -1, -1};
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        for (int i = 0; i < names.length; i++) {
          if (line.startsWith(names[i])) {
            out[i] = kib(line);
          }
        }
      }
    } catch (IOException e) {
      // not Linux: report unknown
    }
    return out;
  }

  private static long kib(String line) {
    String[] parts = line.trim().split("\\s+", -1);
    return parts.length >= 2 ? Long.parseLong(parts[1]) : -1;
  }
}
