package dev.baton.bench;

import dev.baton.engine.Engine;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.FleetOptions;
import dev.baton.fleet.RobotJob;
import dev.baton.fleet.RobotJobs;
import dev.baton.fleet.web.RobotRoutes;
import dev.baton.job.JobStatus;
import dev.baton.robot.FleetStore;
import dev.baton.server.BatonServer;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import dev.baton.worker.sdk.robot.RobotClient;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jobs through CasareRPA's robot protocol: a server with the fleet, {@code robots} SDK robots on
 * its WebSocket (each taking {@code slots} jobs at once, finishing at once), in this process.
 *
 * <ul>
 *   <li>{@code running}: {@code jobs} robot jobs submitted in process by 8 threads (de-duplication
 *       bypassed) while the robots work, timed from the first submit to the last completion.
 *   <li>{@code queued}: the robots leave, {@code jobs} jobs are queued, then the robots connect
 *       again and drain them; timed from their connecting to the last completion.
 *   <li>dispatch latency: one job at a time, from right before the submit to the robot's handler
 *       starting, after {@link Latency#WARMUP} warm-up samples.
 * </ul>
 *
 * After each phase it prints the CPU of the process per job (server and robots: both are here), the
 * store calls per job (engine and fleet, by method: {@link StoreCalls}) and the store writer's
 * commits per job (JDBC stores). The first phase also warms up the JIT for the second.
 */
final class Robots {
  private Robots() {}

  static void run(Store raw, int jobs, int robots, int slots, int samples) throws Exception {
    StoreCalls calls = new StoreCalls(raw);
    Store store = calls.store();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    if (raw instanceof JdbcStore jdbc) {
      jdbc.bindMeters(meters); // the writer's commits
    }
    AtomicInteger finished = new AtomicInteger();
    Map<String, Long> startedAt = new ConcurrentHashMap<>();
    Fleet fleet = new Fleet((FleetStore) store, Clock.systemUTC(), FleetOptions.DEFAULTS);
    WebSocketChannel channel = new WebSocketChannel();
    Engine engine =
        Engine.builder(store)
            .workerChannel(t -> {
              channel.cancelTask(t);
              fleet.cancelTask(t);
            })
            .strategy("affinity", fleet.affinity())
            .listener(fleet::jobChanged)
            .listener(j -> {
              if (j.status() == JobStatus.FINISHED && RobotJobs.BLUEPRINT.equals(j.blueprint())) {
                finished.incrementAndGet();
              }
            })
            .build();
    engine.start();
    fleet.attach(engine).start();
    List<RobotClient> clients = new ArrayList<>();
    try (BatonServer server =
        BatonServer.start(
            engine,
            channel,
            ServerOptions.DEFAULTS.withHost("127.0.0.1").withPort(0).withRateLimiting(false),
            List.of(new RobotRoutes(fleet, engine, 1 << 20)))) {
      URI ws = URI.create("ws://127.0.0.1:" + server.port() + RobotRoutes.SOCKET);
      connect(clients, ws, robots, slots, startedAt);
      System.out.printf(
          Locale.ROOT,
          "%d robots x %d slots, %d jobs, %d latency samples%n",
          robots,
          slots,
          jobs,
          samples);
      RobotJobs robotJobs = fleet.jobs();

      Phase running = Phase.start(calls, meters);
      submit(robotJobs, jobs);
      long submitted = System.nanoTime();
      awaitFinished(finished, jobs);
      Bench.print("submit", jobs, "jobs", (submitted - running.wall()) / 1e9);
      running.report("running", jobs);

      clients.forEach(RobotClient::close);
      clients.clear();
      Rig.awaitTrue(
          () -> fleet.robots().stream().noneMatch(r -> fleet.isConnected(r.id())),
          Duration.ofSeconds(30),
          () -> "robots still connected");
      submit(robotJobs, jobs);
      Phase queued = Phase.start(calls, meters);
      connect(clients, ws, robots, slots, startedAt);
      awaitFinished(finished, 2 * jobs);
      queued.report("queued", jobs);

      long[] latencies = new long[samples];
      for (int i = 0; i < Latency.WARMUP + samples; i++) {
        int before = finished.get();
        long start = System.nanoTime();
        String id =
            robotJobs.submit(RobotJob.of("latency", Map.of("i", i)), "bench", true).job().id();
        Rig.awaitTrue(() -> finished.get() > before, Duration.ofSeconds(30), () -> "job " + id);
        Long began = startedAt.get(id);
        if (i >= Latency.WARMUP && began != null) {
          latencies[i - Latency.WARMUP] = began - start;
        }
      }
      System.out.println("dispatch   " + Rig.percentiles(latencies));
    } finally {
      fleet.close(); // first: the robots' goodbyes then leave the store alone
      clients.forEach(RobotClient::close);
      engine.close();
    }
  }

  private static void connect(
      List<RobotClient> into, URI ws, int robots, int slots, Map<String, Long> startedAt) {
    for (int i = 0; i < robots; i++) {
      into.add(
          RobotClient.builder(ws, "bench-robot-" + i)
              .maxConcurrentJobs(slots)
              .handler((job, ctx) -> {
                startedAt.putIfAbsent(job.jobId(), System.nanoTime());
                return Map.of();
              })
              .connect());
    }
  }

  /** {@code jobs} robot jobs from 8 threads, de-duplication bypassed. */
  private static void submit(RobotJobs robotJobs, int jobs) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    Rig.virtualThreads(
        8,
        i -> {
          int n;
          while ((n = next.getAndIncrement()) < jobs) {
            robotJobs.submit(RobotJob.of("bench", Map.of("n", n)), "bench", true);
          }
        });
  }

  private static void awaitFinished(AtomicInteger finished, int count) throws InterruptedException {
    Rig.awaitTrue(
        () -> finished.get() >= count,
        Duration.ofMinutes(10),
        () -> finished.get() + " of " + count + " finished");
  }

  /** Where a phase started: its time, CPU, store calls and commits. */
  private record Phase(
      long wall,
      Rig.Cpu cpu,
      Map<String, Long> calls,
      long commits,
      StoreCalls counter,
      SimpleMeterRegistry meters) {
    static Phase start(StoreCalls counter, SimpleMeterRegistry meters) {
      return new Phase(
          System.nanoTime(), Rig.Cpu.now(), counter.snapshot(), commits(meters), counter, meters);
    }

    void report(String name, int jobs) {
      Bench.print(name, jobs, "jobs", (System.nanoTime() - wall) / 1e9);
      System.out.println(Rig.Cpu.now().since(cpu, jobs));
      System.out.println(counter.since(calls, jobs));
      System.out.printf(
          Locale.ROOT, "  commits %.2f/job%n", (commits(meters) - commits) / (double) jobs);
    }

    private static long commits(SimpleMeterRegistry meters) {
      Timer t = meters.find("baton.store.writer.commit").timer();
      return t == null ? 0 : t.count();
    }
  }
}
