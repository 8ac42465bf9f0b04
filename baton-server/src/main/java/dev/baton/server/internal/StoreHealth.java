package dev.baton.server.internal;

import dev.baton.engine.Engine;
import dev.baton.job.JobQuery;
import dev.baton.store.StoreException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's state as the health routes report it. A read is tried on each health check, so a
 * store that cannot be reached (PostgreSQL down or restarting) shows at once. A store that reads
 * but cannot write (a full disk) shows from the first request the server saw fail on the store
 * (answered 503) until the engine commits a change to a job again, or for {@link
 * #WRITE_FAILURE_SHOWN} when nothing writes meanwhile (so that a node taken out of a load balancer
 * by its health check does not stay out for want of traffic). The details of a failure go to the
 * log, not to the (public) health routes.
 */
public final class StoreHealth {
  private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);
  static final java.time.Duration WRITE_FAILURE_SHOWN = java.time.Duration.ofSeconds(30);

  private final Engine engine;
  private final AtomicReference<@Nullable Instant> writeFailedAt = new AtomicReference<>();

  public StoreHealth(Engine engine) {
    this.engine = engine;
    // Called after every committed job change: read first, so the hot path does not write.
    engine.addListener(job -> {
      if (writeFailedAt.get() != null) {
        writeFailedAt.set(null);
      }
    });
  }

  /** A request failed because the store could not write (or read). */
  void failed() {
    writeFailedAt.set(engine.clock().instant());
  }

  /** {@code {"status":"ok"}}, or {@code {"status":"degraded","store":…,"reason":…}}. */
  Map<String, Object> report() {
    Map<String, Object> out = new LinkedHashMap<>();
    String reason = null;
    String store = "ok";
    try {
      engine.jobs(JobQuery.all(1, 0));
    } catch (StoreException e) {
      store = "unavailable";
      log.warn("health check: the store cannot be read", e);
      reason =
          "the store cannot be read or written (the database is down, restarting or"
              + " unreachable)";
    }
    Instant failed = writeFailedAt.get();
    if (reason == null
        && failed != null
        && failed.plus(WRITE_FAILURE_SHOWN).isAfter(engine.clock().instant())) {
      store = "cannot_write";
      reason =
          "the store cannot write: a write failed at "
              + failed
              + " and none has succeeded since (a full disk, or the database refusing writes)";
    }
    out.put("status", reason == null ? "ok" : "degraded");
    if (reason != null) {
      out.put("store", store);
      out.put("reason", reason);
    }
    return out;
  }

  /** Serves {@code GET /api/v1/health} and {@code GET /_public/status}. */
  public void register(io.javalin.config.RoutesConfig routes) {
    routes.get(NativeRoutes.BASE + "/health", this::answer);
    routes.get(PublicRoutes.BASE + "/status", this::answer);
  }

  /** Answers the health route: 200 when all is well, 503 with the report when degraded. */
  void answer(io.javalin.http.Context ctx) {
    Map<String, Object> report = report();
    if (!"ok".equals(report.get("status"))) {
      ctx.status(503).header("Retry-After", Errors.RETRY_AFTER_SECONDS);
    }
    ctx.json(report);
  }
}
