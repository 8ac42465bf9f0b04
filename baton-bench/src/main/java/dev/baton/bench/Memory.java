package dev.baton.bench;

import dev.baton.engine.NewJob;
import dev.baton.job.JobStatus;
import dev.baton.store.Store;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Memory with many waiting jobs: a server runs on the store, {@code jobs} one-task jobs are created
 * in process for a task type no worker takes (so they stay {@code waiting_for_worker}), then the
 * heap is collected and the process's RSS, the heap and the database size are reported. The same
 * numbers are printed right after startup, before any job.
 */
final class Memory {
  private static final String BLUEPRINT = "memory";

  private Memory() {}

  static void run(Store store, Databases dbs, int jobs, int threads) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "max heap %,d MiB, %d creating threads%n",
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        threads);
    try (Rig rig =
        Rig.start(store, List.of(), List.of(Rig.oneTask(BLUEPRINT, "nobody-takes-this")))) {
      collect();
      report("startup", dbs);

      AtomicInteger next = new AtomicInteger();
      long t0 = System.nanoTime();
      Rig.virtualThreads(
          threads,
          c -> {
            for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) {
              rig.engine.createJob(NewJob.of(BLUEPRINT, Map.of("n", (long) i)));
            }
          });
      Bench.print("created", jobs, "jobs", (System.nanoTime() - t0) / 1e9);
      report("created", dbs);
      collect();
      report("after gc", dbs);

      long waiting = store.countJobs().getOrDefault(JobStatus.WAITING_FOR_WORKER, 0L);
      if (waiting != jobs) {
        throw new IllegalStateException(waiting + " of " + jobs + " jobs wait for a worker");
      }
    }
  }

  /** A few full collections, with time for the collector to give memory back. */
  private static void collect() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
  }

  private static void report(String when, Databases dbs) throws Exception {
    long[] proc = Rig.procStatus();
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    MemoryUsage heap = mx.getHeapMemoryUsage();
    MemoryUsage nonHeap = mx.getNonHeapMemoryUsage();
    System.out.printf(
        Locale.ROOT,
        "%-9s VmRSS %,8d KiB (anon %,8d, file %,7d)  VmHWM %,8d KiB  heap used %,7d KiB of %,8d"
            + " committed  non-heap %,7d KiB  threads %d  %s%n",
        when,
        proc[0],
        proc[2],
        proc[3],
        proc[1],
        heap.getUsed() / 1024,
        heap.getCommitted() / 1024,
        nonHeap.getUsed() / 1024,
        proc[4],
        dbs.size());
  }
}
