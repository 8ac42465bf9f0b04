package dev.baton.outbound;

import dev.baton.duty.Duty;
import dev.baton.engine.EngineObserver;
import dev.baton.job.Job;
import dev.baton.job.Notice;
import dev.baton.log.LogContext;
import dev.baton.store.NoticeStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the notice outbox: each due {@link Notice} is POSTed as JSON to its target (Avtomatika's
 * webhook: {@code {"event","job_id","status","result","error"}}), and the outcome is written back
 * to the store. See {@link DeliveryOptions} for timeouts, retries and what happens under failure.
 * Each attempt first checks its target's resolved addresses against {@link
 * DeliveryOptions#targets()} and is signed with the job's client's secret ({@link
 * DeliveryOptions#secrets()}, Standard Webhooks headers); delivered notices are pruned after {@link
 * DeliveryOptions#retention()} (docs/webhooks.md).
 *
 * <p>A {@link Duty} on a virtual thread claims due notices under a lease, as many as there are free
 * delivery slots, and hands each to its own virtual thread; a slow or dead receiver therefore holds
 * one slot and never delays the engine or the other receivers. The loop looks at the store every
 * {@code pollInterval}, and at once after {@link #wake()}. Because the notices live in the store,
 * delivery survives a crash: whatever was owed is claimed by the next {@code NoticeDelivery}, here
 * or on another node sharing the store.
 *
 * <pre>{@code
 * NoticeDelivery delivery = NoticeDelivery.start(store, Clock.systemUTC(), DeliveryOptions.DEFAULTS);
 * engine.addListener(job -> delivery.wake());
 * ...
 * delivery.close(); // before the store closes
 * }</pre>
 */
public final class NoticeDelivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);

  /** Sent with every delivery, so that a receiver can recognise a notice it has already seen. */
  public static final String NOTICE_ID_HEADER = "X-Baton-Notice-Id";

  private final NoticeStore store;
  private final Clock clock;
  private final DeliveryOptions options;
  private final WebhookPost post;
  private final NoticeAttempt attempt;
  private final NoticeMeters meters = new NoticeMeters();
  private final Semaphore slots;
  private final NoticeRetention retention;
  private final ExecutorService deliveries;
  private volatile @Nullable Duty loop;
  private volatile boolean closed;
  private int storeFailures; // only the loop's thread reads and writes it
  private volatile EngineObserver observer = EngineObserver.NONE;
  private volatile Function<String, Optional<Job>> jobs;

  private NoticeDelivery(
      NoticeStore store,
      Clock clock,
      DeliveryOptions options,
      Function<String, Optional<Job>> jobs) {
    this.store = store;
    this.clock = clock;
    this.options = options;
    this.post = new WebhookPost(options);
    this.jobs = jobs;
    this.attempt =
        new NoticeAttempt(store, clock, options, post, meters, id -> this.jobs.apply(id));
    this.slots = new Semaphore(options.concurrency());
    this.retention = new NoticeRetention(store, options.retention());
    this.deliveries =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("baton-webhook-", 0).factory());
  }

  /** Starts delivering: the loop runs until {@link #close()}. */
  public static NoticeDelivery start(NoticeStore store, Clock clock, DeliveryOptions options) {
    return start(store, clock, options, id -> Optional.empty());
  }

  /**
   * Starts delivering, reading a notice's job from {@code jobs} (its client picks the secret that
   * signs it, {@link DeliveryOptions#secrets()}; a job it cannot find is signed with the
   * server-wide secret, if any). Given here rather than later so that the first round signs too.
   */
  public static NoticeDelivery start(
      NoticeStore store,
      Clock clock,
      DeliveryOptions options,
      Function<String, Optional<Job>> jobs) {
    NoticeDelivery d = new NoticeDelivery(store, clock, options, jobs);
    // The round never throws (a failing store is logged once and tried every poll), so the
    // duty's own wait after a failure is only a backstop.
    d.loop = Duty.virtual("baton-notice-delivery", options.pollInterval(), d::round);
    log.info(
        "webhook delivery started: {} at once, {} attempt(s), timeout {}; targets: {}; signing:"
            + " {}",
        options.concurrency(),
        options.maxAttempts(),
        options.requestTimeout(),
        options.targets(),
        options.secrets());
    return d;
  }

  /**
   * A deliverer without its loop: nothing is delivered until the caller calls {@link
   * #deliverDue()}. For tests on a manual clock, and for callers that schedule rounds themselves.
   */
  public static NoticeDelivery create(NoticeStore store, Clock clock, DeliveryOptions options) {
    return create(store, clock, options, id -> Optional.empty());
  }

  /** A deliverer without its loop that reads a notice's job (its client) from {@code jobs}. */
  public static NoticeDelivery create(
      NoticeStore store,
      Clock clock,
      DeliveryOptions options,
      Function<String, Optional<Job>> jobs) {
    return new NoticeDelivery(store, clock, options, jobs);
  }

  /**
   * Traces each attempt as a "webhook" span in its job's trace, read from {@code jobs} (default:
   * nothing traced). Call it before the first delivery.
   */
  public NoticeDelivery observedBy(EngineObserver o, Function<String, Optional<Job>> jobs) {
    this.observer = o;
    this.jobs = jobs;
    return this;
  }

  /**
   * Counts attempts by outcome on {@code registry} ({@code baton_webhook_deliveries_total}) and
   * shows the outbox's age ({@code baton_webhook_outbox_oldest_age_seconds}, read from the store at
   * each scrape). Call it once, before the first delivery.
   */
  public NoticeDelivery meteredBy(MeterRegistry registry) {
    meters.bind(registry, store, clock);
    return this;
  }

  /**
   * Tells the loop to look for due notices now, rather than at its next poll. Cheap and never
   * blocks: call it after every commit that may have enqueued a notice (an engine {@code
   * JobListener}). Does nothing without a loop or after {@link #close()}.
   */
  public void wake() {
    Duty d = loop;
    if (d != null) {
      d.wake();
    }
  }

  /**
   * Runs one round now, on the calling thread's behalf: claims the notices that are due (at most
   * one per free delivery slot), delivers them concurrently and waits until every outcome has been
   * written to the store.
   *
   * @return how many notices this round attempted
   */
  public int deliverDue() {
    List<Future<?>> started = launch().started();
    for (Future<?> f : started) {
      try {
        f.get();
      } catch (ExecutionException e) {
        log.warn("a webhook delivery failed unexpectedly", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return started.size();
  }

  /**
   * Deletes one batch of delivered notices older than {@link DeliveryOptions#retention()} now; the
   * loop does it by itself about once a minute.
   *
   * @return how many it deleted
   */
  public int pruneDelivered() {
    return retention.prune(clock.instant());
  }

  /** The options this deliverer runs with. */
  public DeliveryOptions options() {
    return options;
  }

  /**
   * Stops promptly: the loop stops claiming (it is interrupted, and a claim it was making is left
   * to its lease); deliveries under way get {@code closeTimeout} to finish, and are then cancelled
   * and left pending, due at once, for the next start (so it returns within about twice {@code
   * closeTimeout}). Call it before the store is closed. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Duty d = loop;
      if (d != null) {
        d.close();
      }
      deliveries.shutdown();
      if (!deliveries.awaitTermination(options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
        deliveries.shutdownNow(); // interrupts them: each cancels its request, releases its lease
        if (!deliveries.awaitTermination(options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
          log.warn("webhook deliveries did not stop in time; their leases will run out");
        }
      }
    } catch (InterruptedException e) {
      deliveries.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      deliveries.shutdown();
      post.close();
    }
  }

  // ---- the loop --------------------------------------------------------------------------

  /**
   * One round of the loop: claims and starts what is due. Again at once when every free slot got a
   * notice (more may be due), else after the poll interval or a {@link #wake()} (a freed slot wakes
   * it too).
   */
  private Duration round() {
    if (closed) {
      return Duration.ZERO; // the duty is being closed: its next check of running ends it
    }
    Round r;
    try {
      r = launch();
    } catch (RuntimeException e) {
      if (closed) {
        return Duration.ZERO; // the claim was interrupted on purpose
      }
      if (storeFailures++ == 0) {
        log.warn("could not claim due notices; trying again every {}", options.pollInterval(), e);
      }
      return options.pollInterval();
    }
    if (storeFailures > 0 && r.asked() > 0) {
      log.info("claiming due notices works again after {} failed tries", storeFailures);
      storeFailures = 0;
    }
    retention.pruneIfDue(clock.instant());
    boolean maybeMore = r.asked() > 0 && r.started().size() == r.asked();
    return maybeMore ? Duration.ZERO : options.pollInterval();
  }

  private record Round(int asked, List<Future<?>> started) {}

  /** Claims as many due notices as there are free slots, and starts delivering each. */
  private Round launch() {
    int free = slots.drainPermits();
    if (free == 0 || closed) {
      slots.release(free);
      return new Round(0, List.of());
    }
    List<Notice> claimed;
    try {
      Instant now = clock.instant();
      claimed = store.claimNotices(now, now.plus(options.lease()), free);
    } catch (RuntimeException e) {
      slots.release(free);
      throw e;
    }
    slots.release(free - claimed.size());
    List<Future<?>> started = new ArrayList<>(claimed.size());
    for (Notice n : claimed) {
      try {
        started.add(deliveries.submit(() -> deliverInSlot(n)));
      } catch (RejectedExecutionException e) {
        slots.release(); // closing after the claim: leave it due at once for the next start
        attempt.release(n);
      }
    }
    return new Round(free, started);
  }

  private void deliverLogged(Notice n) {
    try {
      EngineObserver o = observer;
      if (o == EngineObserver.NONE) {
        attempt.deliver(n, null);
      } else {
        traced(o, n);
      }
    } catch (RuntimeException e) {
      log.warn("webhook {} for job {} failed unexpectedly", n.event(), n.jobId(), e);
    }
  }

  private void deliverInSlot(Notice n) {
    try (LogContext fields = LogContext.empty().with(LogContext.JOB_ID, n.jobId())) {
      deliverLogged(n);
    } finally {
      slots.release();
      wake();
    }
  }

  private void traced(EngineObserver o, Notice n) {
    String parent = jobs.apply(n.jobId()).map(EngineObserver::traceparent).orElse(null);
    Map<String, String> attributes =
        Map.of(
            "baton.job.id", n.jobId(),
            "baton.notice.id", n.id(),
            "baton.webhook.event", n.event(),
            "baton.webhook.attempt", Integer.toString(n.attempts() + 1));
    try (EngineObserver.Activity a = o.begin("webhook " + n.event(), parent, attributes)) {
      String failure = attempt.deliver(n, a.traceparent());
      if (failure != null) {
        a.failed(failure);
      }
    }
  }
}
