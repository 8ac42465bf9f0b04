package dev.baton.bench;

import dev.baton.job.Job;
import dev.baton.job.JobStatus;
import dev.baton.store.Store;
import dev.baton.worker.sdk.TaskResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End to end over HTTP: one-task jobs are created with {@code POST /api/v1/jobs} by {@code clients}
 * virtual threads, taken by 8 SDK workers ({@code w0..w7}, concurrency 8, {@code pollers}
 * long-polls each) and completed by a no-op handler. Four pollers per worker (the default) beat
 * eight on a 2-core machine by about 10%: every task a commit creates wakes every waiting
 * long-poll, and each wake-up costs a claim through the store's single writer (64 waiting polls
 * made about 2.9 empty claims per job, 32 about 1.4). Three phases of {@code jobs} jobs each, on
 * one server and store:
 *
 * <ol>
 *   <li>create only (no worker yet): the create path alone;
 *   <li>drain only: the workers start and take the jobs of phase 1 (poll + result path alone);
 *   <li>end to end: jobs are created while the workers run; timed from the first create until the
 *       last job is finished. Per job, it also splits the time into create request, create to
 *       handler start (dispatch), and handler start to finished (result request).
 * </ol>
 *
 * Phases 1 and 2 also warm up the JIT for phase 3. After each phase it prints the CPU used (this
 * process by thread, local PostgreSQL backends, the whole machine) and the store calls per job with
 * their mean time as the caller saw it ({@link CountingStore}).
 */
final class E2e {
  static final int WORKERS = 8;
  static final int CONCURRENCY = 8;
  private static final String BLUEPRINT = "e2e";
  private static final String TYPE = "e2e-noop";

  // Per job of phase 3: [POST sent, handler started, job finished], nanoTime.
  private static final int SENT = 0;
  private static final int STARTED = 1;
  private static final int FINISHED = 2;

  private final Map<String, long[]> stamps = new ConcurrentHashMap<>();
  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicLong lastFinish = new AtomicLong();
  private volatile boolean stamping;

  static void run(Store store, int jobs, int clients, int pollers) throws Exception {
    new E2e().go(store, jobs, clients, pollers);
  }

  private void stamp(String jobId, int slot, long nanos) {
    if (stamping) {
      stamps.compute(
          jobId,
          (k, v) -> {
            long[] s = v == null ? new long[3] : v;
            s[slot] = nanos;
            return s;
          });
    }
  }

  private void changed(Job job) {
    if (job.status() == JobStatus.FINISHED) {
      long now = System.nanoTime();
      stamp(job.id(), FINISHED, now);
      lastFinish.set(now);
      finished.incrementAndGet();
    }
  }

  private void go(Store store, int jobs, int clients, int pollers) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "%d HTTP clients (virtual threads), %d SDK workers x %d pollers (concurrency %d)%n",
        clients,
        WORKERS,
        pollers,
        Math.max(CONCURRENCY, pollers));
    CountingStore counting = new CountingStore(store);
    try (Rig rig =
            Rig.start(counting, List.of(this::changed), List.of(Rig.oneTask(BLUEPRINT, TYPE)));
        Rig.NativeClient client = new Rig.NativeClient(rig.base)) {
      // 1. create only
      Rig.Cpu cpu0 = Rig.Cpu.now();
      Map<String, long[]> calls0 = counting.snapshot();
      long[] createOnly = create(client, jobs, clients, 0);
      Bench.print("create-only", jobs, "jobs", createOnly[0] / 1e9);
      System.out.println("  create request  " + Rig.percentiles(latencies(createOnly)));
      Rig.Cpu cpu1 = Rig.Cpu.now();
      System.out.println(cpu1.since(cpu0, jobs));
      Map<String, long[]> calls1 = counting.snapshot();
      System.out.println(counting.since(calls0, jobs));
      // 2. drain only
      List<dev.baton.worker.sdk.Worker> workers = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < WORKERS; i++) {
        dev.baton.worker.sdk.Worker w =
            rig.worker(
                "w" + i,
                TYPE,
                Math.max(CONCURRENCY, pollers),
                pollers,
                (task, ctx) -> {
                  stamp(task.jobId(), STARTED, System.nanoTime());
                  return TaskResult.success();
                });
        w.start();
        workers.add(w);
      }
      try {
        awaitFinished(jobs);
        Bench.print("drain-only", jobs, "jobs", (lastFinish.get() - t0) / 1e9);
        Rig.Cpu cpu2 = Rig.Cpu.now();
        System.out.println(cpu2.since(cpu1, jobs));
        Map<String, long[]> calls2 = counting.snapshot();
        System.out.println(counting.since(calls1, jobs));

        // 3. end to end
        stamping = true;
        long t1 = System.nanoTime();
        long[] created = create(client, jobs, clients, jobs);
        long createdAt = System.nanoTime();
        awaitFinished(2 * jobs);
        double seconds = (lastFinish.get() - t1) / 1e9;
        stamping = false;
        Rig.Cpu cpu3 = Rig.Cpu.now();
        Bench.print("e2e-create", jobs, "jobs", (createdAt - t1) / 1e9);
        Bench.print("e2e", jobs, "jobs", seconds);
        System.out.println(cpu3.since(cpu2, jobs));
        System.out.println(counting.since(calls2, jobs));
        breakdown(created);
      } finally {
        for (dev.baton.worker.sdk.Worker w : workers) {
          w.close();
        }
      }
      long done = store.countJobs().getOrDefault(JobStatus.FINISHED, 0L);
      if (done != 2L * jobs) {
        throw new IllegalStateException("store counts " + done + " finished of " + 2L * jobs);
      }
    }
  }

  /** Element 0 is the phase's wall time; the rest are the request latencies. */
  private static long[] latencies(long[] phase) {
    return java.util.Arrays.copyOfRange(phase, 1, phase.length);
  }

  /**
   * Posts {@code jobs} jobs from {@code clients} threads. Returns the wall time of the phase
   * followed by every request's latency, all in nanoseconds.
   */
  private long[] create(Rig.NativeClient client, int jobs, int clients, int offset)
      throws InterruptedException {
    long[] out = new long[jobs + 1];
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    Rig.virtualThreads(
        clients,
        c -> {
          for (int i = next.getAndIncrement(); i < jobs; i = next.getAndIncrement()) {
            long sent = System.nanoTime();
            String id = client.createJob(BLUEPRINT, (long) offset + i);
            out[i + 1] = System.nanoTime() - sent;
            stamp(id, SENT, sent);
          }
        });
    out[0] = System.nanoTime() - t0;
    return out;
  }

  private void awaitFinished(int target) throws InterruptedException {
    // At least 200 jobs/s, or something is broken.
    Duration max = Duration.ofSeconds(60).plusMillis(target * 5L);
    Rig.awaitTrue(
        () -> finished.get() >= target,
        max,
        () -> finished.get() + " of " + target + " jobs finished");
  }

  private void breakdown(long[] created) {
    List<long[]> all = new ArrayList<>(stamps.values());
    long[] dispatch = new long[all.size()];
    long[] result = new long[all.size()];
    long[] total = new long[all.size()];
    int n = 0;
    for (long[] s : all) {
      if (s[SENT] != 0 && s[STARTED] != 0 && s[FINISHED] != 0) {
        dispatch[n] = s[STARTED] - s[SENT];
        result[n] = s[FINISHED] - s[STARTED];
        total[n] = s[FINISHED] - s[SENT];
        n++;
      }
    }
    System.out.println("  per job, phase 3:");
    System.out.println("  create request  " + Rig.percentiles(latencies(created)));
    System.out.println(
        "  create->handler " + Rig.percentiles(java.util.Arrays.copyOf(dispatch, n)));
    System.out.println("  handler->done   " + Rig.percentiles(java.util.Arrays.copyOf(result, n)));
    System.out.println("  create->done    " + Rig.percentiles(java.util.Arrays.copyOf(total, n)));
  }
}
