package dev.baton.server.internal;

import dev.baton.server.route.ApiError;
import io.javalin.config.RoutesConfig;
import org.jspecify.annotations.Nullable;

/**
 * Refuses, before any route runs, a request whose path or query holds a NUL character (written
 * {@code %00}): a job, task or worker id with one would otherwise reach the store, and PostgreSQL
 * refuses NUL in text with an error that is no fault of the store. Bodies are checked where they
 * are parsed ({@code Json.parseRequest}).
 */
public final class RequestGuard {
  private RequestGuard() {}

  public static void install(RoutesConfig routes) {
    routes.before(ctx -> {
      if (hasNul(ctx.req().getRequestURI()) || hasNul(ctx.req().getQueryString())) {
        throw ApiError.badRequest(
            "the request's path or query holds a NUL character (%00), which Baton does not accept");
      }
    });
  }

  /** Jetty's own refusals (a malformed request line, an unknown HTTP version) as JSON 4xx. */
  public static void install(org.eclipse.jetty.server.Server server) {
    server.setErrorHandler(new JsonErrorHandler());
  }

  static boolean hasNul(@Nullable String raw) {
    return raw != null && (raw.contains("%00") || raw.indexOf('\0') >= 0);
  }
}
