package dev.baton.job;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How a transient failure is retried: up to {@code maxRetries} more attempts, each after a delay
 * that grows by {@code multiplier} from {@code initialDelay} up to {@code maxDelay}, spread by
 * {@code jitter} (0.2 means up to 20% shorter), so that a fleet of failing tasks does not retry in
 * lock step. After the last retry the job is quarantined.
 */
public record RetryPolicy(
    int maxRetries, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 0.2);

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("max_retries must be 0 or more, was " + maxRetries);
    }
    if (initialDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException("retry delays must not be negative");
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("retry multiplier must be at least 1, was " + multiplier);
    }
    if (jitter < 0 || jitter > 1) {
      throw new IllegalArgumentException("retry jitter must be within [0, 1], was " + jitter);
    }
  }

  public RetryPolicy withMaxRetries(int n) {
    return new RetryPolicy(n, initialDelay, maxDelay, multiplier, jitter);
  }

  /** The delay before retry number {@code retry} (1 for the first retry). */
  public Duration delayBefore(int retry, RandomGenerator random) {
    double base = (double) initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    double capped = Math.min(base, (double) maxDelay.toMillis());
    double spread = jitter == 0 ? 0 : random.nextDouble() * jitter * capped;
    return Duration.ofMillis(Math.round(capped - spread));
  }
}
