package dev.baton.bench;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.TaskSpec;
import dev.baton.ledger.Ledger;
import dev.baton.ledger.LedgerEntry;
import dev.baton.ledger.LedgerQuery;
import dev.baton.ledger.Severity;
import dev.baton.loop.ControlLoop;
import dev.baton.store.Store;
import dev.baton.store.jdbc.JdbcStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control loop and the ledger: how long one cycle (snapshot, health, rules, ledger entry) takes
 * with {@code jobs} jobs waiting, how many ledger appends per second 8 threads get, and how long a
 * filtered page of the ledger takes to read once it holds every entry written so far.
 */
final class LoopBench {
  private LoopBench() {}

  static void run(Store store, int jobs, int cycles) throws Exception {
    Ledger ledger = ((JdbcStore) store).ledger();
    Engine engine = Engine.builder(store).build();
    engine.register(
        Blueprint.builder("waits")
            .start("run")
            .dispatch("run", TaskSpec.of("nobody", Map.of()), Map.of("success", "finished"))
            .build());
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    Drain.parallel(
        8,
        i -> {
          while (next.getAndIncrement() < jobs) {
            engine.createJob(NewJob.of("waits", Map.of()));
          }
        });
    Bench.print("created", jobs, "jobs", (System.nanoTime() - t0) / 1e9);

    ControlLoop loop = ControlLoop.builder(engine, ledger).build();
    for (int i = 0; i < 3; i++) {
      loop.runOnce(); // warm-up
    }
    double[] millis = new double[cycles];
    long t1 = System.nanoTime();
    for (int i = 0; i < cycles; i++) {
      long s = System.nanoTime();
      loop.runOnce();
      millis[i] = (System.nanoTime() - s) / 1e6;
    }
    Bench.print("cycles", cycles, "cycles", (System.nanoTime() - t1) / 1e9);
    System.out.println(
        "last cycle's sections (ms): "
            + ledger
                .read(LedgerQuery.newest(1).type("orchestrator.cycle_*"))
                .entries()
                .getFirst()
                .details()
                .get("section_ms"));
    Arrays.sort(millis);
    System.out.printf(
        Locale.ROOT,
        "cycle ms   p50 %.1f  p90 %.1f  max %.1f  (with %,d jobs waiting)%n",
        millis[cycles / 2],
        millis[Math.min(cycles - 1, cycles * 9 / 10)],
        millis[cycles - 1],
        jobs);

    int appends = 16_000;
    AtomicInteger left = new AtomicInteger(appends);
    long t2 = System.nanoTime();
    Drain.parallel(
        8,
        i -> {
          while (left.getAndDecrement() > 0) {
            ledger.append(
                LedgerEntry.of(
                    Instant.now(),
                    "bench.append",
                    "bench",
                    Severity.INFO,
                    null,
                    Map.of("i", (long) i)));
          }
        });
    Bench.print("appended", appends, "entries", (System.nanoTime() - t2) / 1e9);

    long total = ledger.count(LedgerQuery.newest(1));
    int reads = 200;
    long t3 = System.nanoTime();
    for (int i = 0; i < reads; i++) {
      ledger.read(LedgerQuery.newest(100).type("job.*"));
    }
    double readSeconds = (System.nanoTime() - t3) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "ledger read: a page of 100 job.* entries in %.2f ms (ledger of %,d entries)%n",
        readSeconds * 1000 / reads,
        total);
  }
}
