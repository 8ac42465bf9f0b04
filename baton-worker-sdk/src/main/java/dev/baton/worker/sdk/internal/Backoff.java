package dev.baton.worker.sdk.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter, so a fleet of workers that lost the server together does
 * not come back in lock-step. One instance per loop; not thread-safe.
 */
public final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private int failures;

  public Backoff(Duration min, Duration max) {
    this.minMillis = Math.max(1, min.toMillis());
    this.maxMillis = Math.max(minMillis, max.toMillis());
  }

  /** The next delay: between half and all of {@code min * 2^failures}, never above max. */
  public Duration next() {
    long ceiling = Math.min(maxMillis, minMillis << Math.min(failures, 30));
    failures++;
    long half = ceiling / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
  }

  public void pause() throws InterruptedException {
    Thread.sleep(next());
  }

  public void reset() {
    failures = 0;
  }
}
