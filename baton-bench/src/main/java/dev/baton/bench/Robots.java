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
import dev.baton.worker.sdk.robot.RobotClient;
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
 * its WebSocket (each taking {@code slots} jobs at once, finishing at once). Throughput: {@code
 * jobs} robot jobs submitted in process by 8 threads (de-duplication bypassed), timed until the
 * last one is completed. Dispatch latency: one job at a time, from right before the submit to the
 * robot's handler starting (both in this process), after {@link Latency#WARMUP} warm-up samples.
 */
final class Robots {
  private Robots() {}

  static void run(Store store, int jobs, int robots, int slots, int samples) throws Exception {
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
      for (int i = 0; i < robots; i++) {
        clients.add(
            RobotClient.builder(ws, "bench-robot-" + i)
                .maxConcurrentJobs(slots)
                .handler((job, ctx) -> {
                  startedAt.putIfAbsent(job.jobId(), System.nanoTime());
                  return Map.of();
                })
                .connect());
      }
      System.out.printf(
          Locale.ROOT,
          "%d robots x %d slots, %d jobs, %d latency samples%n",
          robots,
          slots,
          jobs,
          samples);
      RobotJobs robotJobs = fleet.jobs();
      long t0 = System.nanoTime();
      AtomicInteger next = new AtomicInteger();
      Rig.virtualThreads(
          8,
          i -> {
            int n;
            while ((n = next.getAndIncrement()) < jobs) {
              robotJobs.submit(RobotJob.of("bench", Map.of("n", n)), "bench", true);
            }
          });
      long submitted = System.nanoTime();
      Rig.awaitTrue(
          () -> finished.get() >= jobs,
          Duration.ofMinutes(10),
          () -> finished.get() + " of " + jobs + " finished");
      long done = System.nanoTime();
      Bench.print("submit", jobs, "jobs", (submitted - t0) / 1e9);
      Bench.print("robots", jobs, "jobs", (done - t0) / 1e9);

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
}
