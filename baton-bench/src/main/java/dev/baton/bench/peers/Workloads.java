package dev.baton.bench.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The three workloads, as the harness that measured issue 16's table ran them. Each fills {@code
 * out} with what it measured; W1's and W3's units (executed jobs, fires) divide the database cost.
 */
final class Workloads {
  private Workloads() {}

  /**
   * W1: {@code n} jobs enqueued before any worker runs (the enqueue is timed), then the workers
   * start and drain them; drain time runs from start to the last handler start, capped.
   */
  static void w1(Peer peer, int n, long capMs, Map<String, Object> out) throws Exception {
    Recorder.reset(n);
    long e0 = System.nanoTime();
    peer.enqueueBulk(n);
    double enqueueSeconds = (System.nanoTime() - e0) / 1e9;
    out.put("enqueue_per_s", n / enqueueSeconds);
    long t0 = Recorder.nowMicros();
    peer.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(capMs);
    while (Recorder.executed.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    int done = Recorder.executed.get();
    long end = done >= n ? Recorder.lastStartMicros.get() : Recorder.nowMicros();
    double seconds = (end - t0) / 1e6;
    out.put("units", done);
    out.put("complete", done >= n ? 1 : 0);
    out.put("drain_s", seconds);
    out.put("drain_per_s", done / seconds);
    out.put("duplicates", Recorder.duplicates.get());
  }

  /**
   * W2: {@code n} jobs submitted {@code gapMs} apart to a started, idle, warmed-up peer; latency is
   * from the start of the submit call to the start of the handler. With {@code remote}, another
   * process submits and stamps its own calls (same machine, same wall clock).
   */
  static void w2(
      Peer peer, @Nullable RemoteSubmitter remote, int n, long gapMs, Map<String, Object> out)
      throws Exception {
    int warm = 10;
    long waitMs = 45_000;
    Recorder.reset(n);
    peer.start();
    Thread.sleep(1000);
    Submitter submitter = remote != null ? remote : peer;
    long warmDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    for (int k = 0; k < warm; k++) {
      submitter.submitWarmup(k);
      Thread.sleep(gapMs);
    }
    while (Recorder.warmups.get() < warm && System.nanoTime() < warmDeadline) {
      Thread.sleep(5);
    }
    Thread.sleep(500);
    long[] submitMicros = new long[n];
    double[] callMs = new double[n];
    long base = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    for (int i = 0; i < n; i++) {
      long target = base + i * TimeUnit.MILLISECONDS.toNanos(gapMs);
      long now;
      while ((now = System.nanoTime()) < target) {
        LockSupport.parkNanos(Math.min(target - now, 1_000_000));
      }
      long s = System.nanoTime();
      if (remote != null) {
        long[] stamped = remote.submitStamped(i);
        submitMicros[i] = stamped[0];
        callMs[i] = stamped[1] / 1e6;
      } else {
        submitMicros[i] = Recorder.nowMicros();
        peer.submit(i);
        callMs[i] = (System.nanoTime() - s) / 1e6;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    while (Recorder.executed.get() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    List<Double> lat = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long st = Recorder.startMicros.get(i);
      if (st != 0) {
        lat.add((st - submitMicros[i]) / 1e3);
      }
    }
    double[] l = lat.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Arrays.sort(callMs);
    out.put("units", l.length);
    out.put("warmups", Recorder.warmups.get());
    out.put("p50_ms", pct(l, 50));
    out.put("p99_ms", pct(l, 99));
    out.put("max_ms", l.length == 0 ? Double.NaN : l[l.length - 1]);
    out.put("submit_call_p50_ms", pct(callMs, 50));
    out.put("duplicates", Recorder.duplicates.get());
  }

  /**
   * W3: {@code count} schedules firing every second; fires scheduled inside a {@code windowS}
   * window that opens {@code settleS} seconds after the first fire are counted (start-up excluded),
   * {@code graceMs} after the window closes.
   */
  static void w3(
      Peer peer, int count, int windowS, int settleS, long graceMs, Map<String, Object> out)
      throws Exception {
    Recorder.reset(1);
    // The first fire leaves time to register the schedules (20 ms each, and 2 s). A registration
    // that takes longer starts Baton and Quartz (which catch up missed fires) with a backlog, and
    // the run says so: register_overran=1.
    long r0 = System.currentTimeMillis();
    long firstFire = ((r0 + 2000 + 20L * count) / 1000 + 1) * 1000;
    if (!peer.registerEverySecond(count, firstFire)) {
      out.put("unsupported", 1);
      return;
    }
    long registered = System.currentTimeMillis();
    out.put("register_s", (registered - r0) / 1000.0);
    out.put("register_overran", registered > firstFire ? 1 : 0);
    peer.start();
    long w0 =
        Math.max(firstFire + settleS * 1000L, ((System.currentTimeMillis() + 3000) / 1000) * 1000);
    long w1 = w0 + windowS * 1000L;
    while (System.currentTimeMillis() < w1 + graceMs) {
      Thread.sleep(50);
    }
    long expected = (long) count * windowS;
    Set<Long> seen = new HashSet<>();
    List<Double> lateness = new ArrayList<>();
    int dup = 0;
    for (long[] f : Recorder.fires) {
      if (f[1] < w0 || f[1] >= w1) {
        continue;
      }
      if (!seen.add(f[0] * 1_000_000L + (f[1] - w0) / 1000)) {
        dup++;
        continue;
      }
      lateness.add((double) (f[2] - f[1]));
    }
    double[] l = lateness.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    out.put("expected", expected);
    out.put("units", seen.size());
    out.put("missed", expected - seen.size());
    out.put("missed_pct", 100.0 * (expected - seen.size()) / expected);
    out.put("late_p50_ms", pct(l, 50));
    out.put("late_p99_ms", pct(l, 99));
    out.put("duplicates", dup);
  }

  static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
