package dev.baton.outbound;

import dev.baton.job.Notice;
import dev.baton.store.Store;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the notice outbox: each due {@link Notice} is POSTed as JSON to its target (Avtomatika's
 * webhook: {@code {"event","job_id","status","result","error"}}), and the outcome is written back
 * to the store. See {@link DeliveryOptions} for timeouts, retries and what happens under failure.
 *
 * <p>A loop on a virtual thread claims due notices under a lease, as many as there are free
 * delivery slots, and hands each to its own virtual thread; a slow or dead receiver therefore holds
 * one slot and never delays the engine or the other receivers. The loop looks at the store every
 * {@code pollInterval}, and at once after {@link #wake()}. Because the notices live in the store,
 * delivery survives a crash: whatever was owed is claimed by the next {@code NoticeDelivery}, here
 * or on another node sharing the store.
 *
 * <pre>{@code
 * NoticeDelivery delivery = NoticeDelivery.start(store, Clock.systemUTC(), DeliveryOptions.DEFAULTS);
 * engine = Engine.builder(store).listener(job -> delivery.wake()).build();
 * ...
 * delivery.close(); // before the store closes
 * }</pre>
 */
public final class NoticeDelivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NoticeDelivery.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Sent with every delivery, so that a receiver can recognise a notice it has already seen. */
  public static final String NOTICE_ID_HEADER = "X-Baton-Notice-Id";

  private final Store store;
  private final Clock clock;
  private final DeliveryOptions options;
  private final HttpClient http;
  private final Semaphore slots;
  private final ExecutorService deliveries;
  private volatile @Nullable Thread loop;
  private volatile boolean closed;

  private NoticeDelivery(Store store, Clock clock, DeliveryOptions options) {
    this.store = store;
    this.clock = clock;
    this.options = options;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.slots = new Semaphore(options.concurrency());
    this.deliveries =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("baton-webhook-", 0).factory());
  }

  /** Starts delivering: the loop runs until {@link #close()}. */
  public static NoticeDelivery start(Store store, Clock clock, DeliveryOptions options) {
    NoticeDelivery d = new NoticeDelivery(store, clock, options);
    Thread t = Thread.ofVirtual().name("baton-notice-delivery").unstarted(d::run);
    d.loop = t;
    t.start();
    log.info(
        "webhook delivery started: {} at once, {} attempt(s), timeout {}",
        options.concurrency(),
        options.maxAttempts(),
        options.requestTimeout());
    return d;
  }

  /**
   * A deliverer without its loop: nothing is delivered until the caller calls {@link
   * #deliverDue()}. For tests on a manual clock, and for callers that schedule rounds themselves.
   */
  public static NoticeDelivery create(Store store, Clock clock, DeliveryOptions options) {
    return new NoticeDelivery(store, clock, options);
  }

  /**
   * Tells the loop to look for due notices now, rather than at its next poll. Cheap and never
   * blocks: call it after every commit that may have enqueued a notice (an engine {@code
   * JobListener}). Does nothing without a loop or after {@link #close()}.
   */
  public void wake() {
    Thread t = loop;
    if (t != null) {
      LockSupport.unpark(t);
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

  /** The options this deliverer runs with. */
  public DeliveryOptions options() {
    return options;
  }

  /**
   * Stops promptly: the loop stops claiming; deliveries under way get {@code closeTimeout} to
   * finish, and are then cancelled and left pending, due at once, for the next start (so it returns
   * within about twice {@code closeTimeout}). Call it before the store is closed. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    Thread t = loop;
    try {
      if (t != null) {
        LockSupport.unpark(t); // it sees closed and stops after the store call it may be in
        if (!t.join(options.closeTimeout())) {
          t.interrupt();
          log.warn("the webhook delivery loop did not stop in time; interrupted it");
        }
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
      http.shutdownNow();
    }
  }

  // ---- the loop --------------------------------------------------------------------------

  private void run() {
    long pollNanos = options.pollInterval().toNanos();
    int storeFailures = 0;
    while (!closed) {
      boolean maybeMore;
      try {
        Round r = launch();
        maybeMore = r.asked() > 0 && r.started().size() == r.asked();
        if (storeFailures > 0 && r.asked() > 0) {
          log.info("claiming due notices works again after {} failed tries", storeFailures);
          storeFailures = 0;
        }
      } catch (RuntimeException e) {
        if (closed) {
          break;
        }
        maybeMore = false;
        if (storeFailures++ == 0) {
          log.warn("could not claim due notices; trying again every {}", options.pollInterval(), e);
        }
      }
      if (!maybeMore) {
        LockSupport.parkNanos(this, pollNanos); // until wake(), a freed slot, close() or the poll
      }
      // Also clears a stray interrupt, which would otherwise keep parking from waiting.
      if (Thread.interrupted() && closed) {
        break;
      }
    }
    log.debug("webhook delivery loop stopped");
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
        release(n);
      }
    }
    return new Round(free, started);
  }

  private void deliverInSlot(Notice n) {
    try {
      deliver(n);
    } catch (RuntimeException e) {
      log.warn("webhook {} for job {} failed unexpectedly", n.event(), n.jobId(), e);
    } finally {
      slots.release();
      wake();
    }
  }

  // ---- one delivery ----------------------------------------------------------------------

  private void deliver(Notice n) {
    URI uri = httpTarget(n.target());
    if (uri == null) {
      giveUp(n, "target is not an http or https URL: " + abbreviate(n.target()));
      return;
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(n.payload());
    } catch (JacksonException e) {
      giveUp(n, "payload cannot be written as JSON: " + e.getOriginalMessage());
      return;
    }
    String error;
    try {
      error = post(uri, n.id(), body);
    } catch (InterruptedException e) {
      release(n);
      return;
    }
    if (error == null) {
      record(n.delivered());
      log.debug("webhook {} for job {} delivered to {}", n.event(), n.jobId(), redact(uri));
    } else if (n.attempts() + 1 >= options.maxAttempts()) {
      giveUp(n, error);
    } else {
      Duration wait = options.backoff(n.attempts() + 1);
      record(n.failed(error, clock.instant().plus(wait)));
      log.info(
          "webhook {} for job {} to {} failed (attempt {} of {}), trying again in {}: {}",
          n.event(),
          n.jobId(),
          redact(uri),
          n.attempts() + 1,
          options.maxAttempts(),
          wait,
          error);
    }
  }

  /**
   * One POST. Returns null on a 2xx answer, otherwise what went wrong.
   *
   * @throws InterruptedException when closing cancelled it
   */
  private @Nullable String post(URI uri, String noticeId, byte[] body) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(options.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "Baton-Webhook/1")
            .header(NOTICE_ID_HEADER, noticeId)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    CompletableFuture<HttpResponse<Void>> sent =
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      int status = sent.get(options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS).statusCode();
      return status >= 200 && status < 300 ? null : "HTTP " + status;
    } catch (TimeoutException e) {
      sent.cancel(true);
      return "no answer within " + seconds(options.requestTimeout());
    } catch (InterruptedException e) {
      sent.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      return describe(e.getCause() == null ? e : e.getCause());
    }
  }

  private void giveUp(Notice n, String error) {
    record(n.failed(error, null));
    log.warn(
        "webhook {} for job {} to {} abandoned after {} attempt(s): {}",
        n.event(),
        n.jobId(),
        redactText(n.target()),
        n.attempts() + 1,
        error);
  }

  private void record(Notice outcome) {
    try {
      store.updateNotice(outcome);
    } catch (RuntimeException e) {
      log.warn(
          "could not record the outcome of webhook {} for job {}; it will be tried again when its"
              + " lease runs out",
          outcome.event(),
          outcome.jobId(),
          e);
    }
  }

  /** Closing cut a delivery short: the notice becomes due at once, unchanged otherwise. */
  private void release(Notice n) {
    try {
      store.updateNotice(
          new Notice(
              n.id(),
              n.jobId(),
              n.event(),
              n.target(),
              n.payload(),
              Notice.Status.PENDING,
              n.attempts(),
              clock.instant(),
              n.createdAt(),
              n.lastError()));
    } catch (RuntimeException e) {
      log.debug("could not release webhook {} for job {}: {}", n.event(), n.jobId(), e.toString());
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** The target as a URI when it is an absolute http(s) URL with a host, else null. */
  static @Nullable URI httpTarget(String target) {
    URI uri;
    try {
      uri = new URI(target.trim());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return null;
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return null;
    }
    return uri;
  }

  /** The URL without user info, query or fragment, which may carry secrets: for logs. */
  static String redact(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
          .toString();
    } catch (URISyntaxException e) {
      return uri.getScheme() + "://" + uri.getHost();
    }
  }

  private static String redactText(String target) {
    URI uri = httpTarget(target);
    return uri == null ? abbreviate(target) : redact(uri);
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  private String describe(Throwable t) {
    if (t instanceof HttpConnectTimeoutException) {
      return "could not connect within " + seconds(options.connectTimeout());
    }
    if (t instanceof HttpTimeoutException) {
      return "no answer within " + seconds(options.requestTimeout());
    }
    String message = t.getMessage();
    if (t instanceof ConnectException) {
      return "could not connect" + (message == null ? "" : ": " + message);
    }
    String kind = t instanceof IOException ? "I/O error" : t.getClass().getSimpleName();
    return kind + (message == null ? " (" + t.getClass().getSimpleName() + ")" : ": " + message);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
