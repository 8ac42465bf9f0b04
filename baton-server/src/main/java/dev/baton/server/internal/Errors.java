package dev.baton.server.internal;

import dev.baton.engine.BatonException;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import dev.baton.server.route.RouteLog;
import dev.baton.store.StoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into {@code {"error": message}}: the server's and the engine's refusals into
 * their 4xx status; a store that cannot write or read (a full disk, PostgreSQL down or restarting)
 * and a request cut short by a shutdown into 503 with {@code Retry-After}; a body that cannot be
 * read (a malformed chunked encoding, a client that went away) into 400; anything else into a
 * logged 500 {@code "internal error"} that reveals nothing about the cause to the caller.
 */
public final class Errors {
  private static final Logger log = LoggerFactory.getLogger(Errors.class);

  /** What a 503 asks the client to wait before it tries again, in seconds. */
  static final String RETRY_AFTER_SECONDS = "5";

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  private Errors() {}

  public static void install(RoutesConfig routes) {
    install(routes, null);
  }

  /** Like {@link #install(RoutesConfig)}, telling {@code health} of each failed store access. */
  public static void install(RoutesConfig routes, @Nullable StoreHealth health) {
    routes.exception(ApiError.class, (e, ctx) -> respond(ctx, e.status(), e.getMessage()));
    routes.exception(
        BatonException.class,
        (e, ctx) -> respond(ctx, ApiError.statusOf(e.reason()), e.getMessage()));
    // Javalin's own: unknown endpoint (404), unsupported method, body over the limit (413).
    routes.exception(
        HttpResponseException.class,
        (e, ctx) -> respond(ctx, e.getStatus(), notFoundHint(ctx, e.getStatus(), e.getMessage())));
    routes.exception(StoreException.class, (e, ctx) -> storeFailed(ctx, e, health));
    // Logged by the route while its log fields were still set (RouteLog).
    routes.exception(
        RouteLog.Logged.class,
        (e, ctx) ->
            unexpected(ctx, e.getCause() instanceof Exception cause ? cause : e, health, true));
    routes.exception(Exception.class, (e, ctx) -> unexpected(ctx, e, health, false));
  }

  private static void storeFailed(Context ctx, StoreException e, @Nullable StoreHealth health) {
    log.warn("the store failed on {} {}", ctx.method(), ctx.path(), e);
    if (health != null && !READS.contains(ctx.method().name())) {
      health.failed();
    }
    unavailable(ctx, storeMessage(ctx.method().name()));
  }

  private static void unexpected(
      Context ctx, Exception e, @Nullable StoreHealth health, boolean logged) {
    if (e instanceof StoreException s) {
      storeFailed(ctx, s, health);
    } else if (RouteLog.causedBy(e, InterruptedException.class)
        || RouteLog.causedBy(e, InterruptedIOException.class)) {
      unavailable(ctx, "Server is shutting down; try again");
    } else if (RouteLog.causedBy(e, IOException.class) || RouteLog.isBadMessage(e)) {
      log.debug("unreadable request {} {}", ctx.method(), ctx.path(), e);
      respond(
          ctx,
          400,
          "the request could not be read (a malformed body or chunked encoding, or the"
              + " connection broke)");
    } else {
      if (!logged) {
        RouteLog.unexpected(ctx, e);
      }
      respond(ctx, 500, "internal error");
    }
  }

  public static void respond(Context ctx, int status, @Nullable String message) {
    ctx.status(status)
        .contentType("application/json")
        .result(Json.write(Map.of("error", message == null ? "error" : message)));
  }

  private static @Nullable String notFoundHint(Context ctx, int status, @Nullable String message) {
    String path = ctx.path();
    if (status == 404 && path.length() > 1 && path.endsWith("/")) {
      return message + "; paths take no trailing slash";
    }
    return message;
  }

  static String storeMessage(String method) {
    return READS.contains(method)
        ? "the store cannot be read right now (the database is down or restarting); try again"
        : "the store cannot write right now (a full disk, or the database is down or"
            + " restarting); try again (a create retried with the same Idempotency-Key is not made twice)";
  }

  private static void unavailable(Context ctx, String message) {
    ctx.header("Retry-After", RETRY_AFTER_SECONDS);
    respond(ctx, 503, message);
  }
}
