package dev.baton.bench.peers;

import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where every library's handler reports. The libraries call the handlers, so this is static state:
 * one run per JVM. Times are wall-clock microseconds, because W2's remote submits are stamped in
 * another process on the same machine.
 */
final class Recorder {
  private Recorder() {}

  static volatile AtomicIntegerArray runs = new AtomicIntegerArray(1);
  static volatile AtomicLongArray startMicros = new AtomicLongArray(1);
  static final AtomicInteger executed = new AtomicInteger();
  static final AtomicInteger duplicates = new AtomicInteger();
  static final AtomicInteger warmups = new AtomicInteger();
  static final AtomicLong lastStartMicros = new AtomicLong();

  /** W3 fires: [schedule index, scheduled epoch ms, actual epoch ms]. */
  static final ConcurrentLinkedQueue<long[]> fires = new ConcurrentLinkedQueue<>();

  static void reset(int n) {
    runs = new AtomicIntegerArray(n);
    startMicros = new AtomicLongArray(n);
    executed.set(0);
    duplicates.set(0);
    warmups.set(0);
    lastStartMicros.set(0);
    fires.clear();
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** First thing in every one-time job's handler; a second run of one id counts as a duplicate. */
  static void started(int id) {
    long now = nowMicros();
    if (id < 0 || id >= runs.length()) {
      return;
    }
    if (runs.getAndIncrement(id) == 0) {
      startMicros.set(id, now);
      executed.incrementAndGet();
      lastStartMicros.accumulateAndGet(now, Math::max);
    } else {
      duplicates.incrementAndGet();
    }
  }

  static void warmup() {
    warmups.incrementAndGet();
  }

  static void fired(int schedule, long scheduledEpochMs) {
    fires.add(new long[] {schedule, scheduledEpochMs, System.currentTimeMillis()});
  }
}
