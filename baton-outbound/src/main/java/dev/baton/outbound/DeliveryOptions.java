package dev.baton.outbound;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How {@link NoticeDelivery} delivers webhooks. The defaults follow Avtomatika 1.0b7: a 10 s
 * timeout and 3 attempts in all, waiting 2 s and then 4 s between them.
 *
 * <p>Under failure: a delivery fails when the receiver cannot be reached, does not answer within
 * {@code requestTimeout}, or answers anything but a 2xx status (a redirect is a failure too; it is
 * never followed). A failed notice stays pending and is tried again after {@link #backoff(int)};
 * after {@code maxAttempts} attempts it is abandoned with its last error and a WARN is logged. A
 * target that is not an {@code http} or {@code https} URL, one that {@code targets} refuses, or a
 * payload that cannot be written as JSON, is abandoned at once. Every outcome is written to the
 * store, so the retry schedule survives a restart; a notice whose delivery was under way when the
 * process died is tried again once its lease ({@code requestTimeout + leaseMargin}) has run out.
 * Delivery is therefore at least once: a receiver may see a notice twice, and can tell by the
 * {@code X-Baton-Notice-Id} header.
 *
 * @param pollInterval how often the store is asked for due notices when nobody called {@link
 *     NoticeDelivery#wake()} (default 200 ms); it also bounds how late a retry starts
 * @param connectTimeout how long to wait for a TCP (and TLS) connection (default 5 s)
 * @param requestTimeout how long one attempt may take in all, from sending to the full answer
 *     (default 10 s, as upstream); longer counts as a failure
 * @param maxAttempts attempts in all before a notice is abandoned (default 3, as upstream)
 * @param initialDelay the wait after the first failed attempt (default 2 s, as upstream)
 * @param multiplier each further wait is this many times the previous one (default 2, so 2 s then 4
 *     s)
 * @param maxDelay the longest wait between attempts (default 1 h)
 * @param concurrency deliveries under way at once, each on its own virtual thread (default 16); a
 *     slow receiver holds one slot for at most {@code requestTimeout}
 * @param leaseMargin added to {@code requestTimeout} for the lease a claimed notice is held under
 *     (default 5 s); another deliverer can claim it only after that
 * @param closeTimeout how long {@link NoticeDelivery#close()} lets deliveries under way finish
 *     before it cancels them (default 2 s); a cancelled notice is left pending and due at once, so
 *     the next start delivers it
 * @param targets which targets may be reached (default {@link TargetPolicy#DEFAULT}: none in
 *     private, loopback or link-local ranges); a refused one is abandoned at once
 * @param secrets which secret signs a job's webhooks (default {@link WebhookSecrets#NONE}: none
 *     signed)
 * @param retention how long a delivered notice is kept, from when it was enqueued (default 7 days);
 *     zero keeps them for ever
 */
public record DeliveryOptions(
    Duration pollInterval,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialDelay,
    double multiplier,
    Duration maxDelay,
    int concurrency,
    Duration leaseMargin,
    Duration closeTimeout,
    TargetPolicy targets,
    WebhookSecrets secrets,
    Duration retention) {

  public static final DeliveryOptions DEFAULTS =
      new DeliveryOptions(
          Duration.ofMillis(200),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          3,
          Duration.ofSeconds(2),
          2.0,
          Duration.ofHours(1),
          16,
          Duration.ofSeconds(5),
          Duration.ofSeconds(2),
          TargetPolicy.DEFAULT,
          WebhookSecrets.NONE,
          Duration.ofDays(7));

  public DeliveryOptions {
    positive("pollInterval", pollInterval);
    positive("connectTimeout", connectTimeout);
    positive("requestTimeout", requestTimeout);
    notNegative("initialDelay", initialDelay);
    notNegative("maxDelay", maxDelay);
    notNegative("leaseMargin", leaseMargin);
    notNegative("closeTimeout", closeTimeout);
    notNegative("retention", retention);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be at least 1, was " + multiplier);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
    }
  }

  /**
   * The wait before the next attempt after {@code failures} failed attempts: {@code initialDelay *
   * multiplier^(failures - 1)}, at most {@code maxDelay}.
   */
  public Duration backoff(int failures) {
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
    if (millis >= maxDelay.toMillis()) {
      return maxDelay;
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /** How long a claimed notice is held before another deliverer may claim it. */
  public Duration lease() {
    return requestTimeout.plus(leaseMargin);
  }

  public DeliveryOptions withPollInterval(Duration d) {
    return with(o -> o.pollInterval = d);
  }

  public DeliveryOptions withConnectTimeout(Duration d) {
    return with(o -> o.connectTimeout = d);
  }

  public DeliveryOptions withRequestTimeout(Duration d) {
    return with(o -> o.requestTimeout = d);
  }

  /** Attempts in all, and the backoff between them. */
  public DeliveryOptions withRetries(int attempts, Duration initial, double factor) {
    return with(o -> {
      o.maxAttempts = attempts;
      o.initialDelay = initial;
      o.multiplier = factor;
    });
  }

  public DeliveryOptions withMaxDelay(Duration d) {
    return with(o -> o.maxDelay = d);
  }

  public DeliveryOptions withConcurrency(int n) {
    return with(o -> o.concurrency = n);
  }

  public DeliveryOptions withLeaseMargin(Duration d) {
    return with(o -> o.leaseMargin = d);
  }

  public DeliveryOptions withCloseTimeout(Duration d) {
    return with(o -> o.closeTimeout = d);
  }

  public DeliveryOptions withTargets(TargetPolicy p) {
    return with(o -> o.targets = p);
  }

  public DeliveryOptions withSecrets(WebhookSecrets s) {
    return with(o -> o.secrets = s);
  }

  /** How long a delivered notice is kept; zero keeps them for ever. */
  public DeliveryOptions withRetention(Duration d) {
    return with(o -> o.retention = d);
  }

  private static void positive(String name, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  private static void notNegative(String name, Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
  }

  /** A copy with what {@code change} sets; the one place that lists every field. */
  private DeliveryOptions with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new DeliveryOptions(
        d.pollInterval,
        d.connectTimeout,
        d.requestTimeout,
        d.maxAttempts,
        d.initialDelay,
        d.multiplier,
        d.maxDelay,
        d.concurrency,
        d.leaseMargin,
        d.closeTimeout,
        d.targets,
        d.secrets,
        d.retention);
  }

  /** The fields of an options value, to change before {@link #with} makes the copy. */
  private static final class Draft {
    Duration pollInterval;
    Duration connectTimeout;
    Duration requestTimeout;
    int maxAttempts;
    Duration initialDelay;
    double multiplier;
    Duration maxDelay;
    int concurrency;
    Duration leaseMargin;
    Duration closeTimeout;
    TargetPolicy targets;
    WebhookSecrets secrets;
    Duration retention;

    Draft(DeliveryOptions o) {
      pollInterval = o.pollInterval;
      connectTimeout = o.connectTimeout;
      requestTimeout = o.requestTimeout;
      maxAttempts = o.maxAttempts;
      initialDelay = o.initialDelay;
      multiplier = o.multiplier;
      maxDelay = o.maxDelay;
      concurrency = o.concurrency;
      leaseMargin = o.leaseMargin;
      closeTimeout = o.closeTimeout;
      targets = o.targets;
      secrets = o.secrets;
      retention = o.retention;
    }
  }
}
