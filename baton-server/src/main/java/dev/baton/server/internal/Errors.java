package dev.baton.server.internal;

import dev.baton.engine.BatonException;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import dev.baton.server.route.RouteLog;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns every failure into {@code {"error": message}}: the server's and the engine's refusals into
 * their 4xx status, anything unexpected into a logged 500 {@code "internal error"} that reveals
 * nothing about the cause to the caller.
 */
public final class Errors {
  private Errors() {}

  public static void install(RoutesConfig routes) {
    routes.exception(ApiError.class, (e, ctx) -> respond(ctx, e.status(), e.getMessage()));
    routes.exception(
        BatonException.class, (e, ctx) -> respond(ctx, status(e.reason()), e.getMessage()));
    // Javalin's own: unknown endpoint (404), unsupported method, body over the limit (413).
    routes.exception(
        HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage()));
    // Logged by the route while its log fields were still set (RouteLog).
    routes.exception(RouteLog.Logged.class, (e, ctx) -> respond(ctx, 500, "internal error"));
    routes.exception(
        Exception.class,
        (e, ctx) -> {
          RouteLog.unexpected(ctx, e);
          respond(ctx, 500, "internal error");
        });
  }

  public static int status(BatonException.Reason reason) {
    return switch (reason) {
      case INVALID -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case FORBIDDEN -> 403;
    };
  }

  public static void respond(Context ctx, int status, @Nullable String message) {
    ctx.status(status)
        .contentType("application/json")
        .result(Json.write(Map.of("error", message == null ? "error" : message)));
  }
}
