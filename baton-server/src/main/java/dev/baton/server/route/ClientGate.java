package dev.baton.server.route;

import static java.util.Objects.requireNonNull;

import dev.baton.server.Client;
import dev.baton.server.ClientAccess;
import dev.baton.server.ClientAccess.Verdict;
import dev.baton.server.Role;
import dev.baton.server.ServerOptions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Admits requests on client routes ({@code /api/...}) by token and quota, before their handler
 * runs. Every {@code /api} route is protected except the API's own description and the health check
 * ({@link #OPEN_PATHS}), which a load balancer or a browser must reach without a token. The worker
 * protocol ({@code /_worker}) and the public routes ({@code /_public}) are not touched.
 *
 * <p>The token is the {@code X-Avtomatika-Token} header, or else {@code Authorization: Bearer
 * <token>}. An admitted request carries its {@link Client} as the request attribute {@link
 * Client#ATTRIBUTE}; a refused one is answered {@code {"error": message}} with the refusal's
 * status, and its handler does not run. An admitted client whose {@link Role} is below what the
 * route needs ({@link RouteTable}) gets 403, and one with the {@code client} role gets 404 for a
 * job or a schedule it did not create. Without a {@link ClientAccess} (open mode) every request is
 * admitted as {@link Client#ANONYMOUS}, an admin.
 */
public final class ClientGate {
  public static final String TOKEN_HEADER = "X-Avtomatika-Token";

  /** {@code /api} paths that need no token. */
  public static final Set<String> OPEN_PATHS =
      Set.of("/api/docs", "/api/openapi.yaml", "/api/v1/health");

  private ClientGate() {}

  /**
   * Who created a job or a schedule (by its id; a schedule also by its name): the name of its
   * client, empty when it is unknown or was not created by a client (code, a file, a schedule).
   */
  @FunctionalInterface
  public interface Owners {
    Optional<String> owner(RouteTable.Owned kind, String id);
  }

  public static void install(RoutesConfig routes, ServerOptions options, Owners owners) {
    guard(routes, options, "/api/*", owners);
  }

  /**
   * Admits requests on further paths the same way: a feature's routes outside {@code /api} (such as
   * Stakazo's {@code /orchestrator/*}) that must not be open when the API is not.
   */
  public static void guard(RoutesConfig routes, ServerOptions options, String pathPattern) {
    guard(routes, options, pathPattern, (kind, id) -> Optional.empty());
  }

  private static void guard(
      RoutesConfig routes, ServerOptions options, String pathPattern, Owners owners) {
    ClientAccess access = options.clientAccess();
    // Only matched routes: an unknown path is a plain 404 and uses no quota.
    routes.beforeMatched(pathPattern, ctx -> admit(ctx, access, owners));
  }

  private static void admit(Context ctx, @Nullable ClientAccess access, Owners owners) {
    if (access == null) {
      ctx.attribute(Client.ATTRIBUTE, Client.ANONYMOUS);
      return;
    }
    if (isOpen(ctx.path())) {
      return;
    }
    Client client =
        switch (access.admit(tokenOf(ctx))) {
          case Verdict.Admitted a -> a.client();
          // Thrown, so that the endpoint is skipped; Errors answers {"error": message}.
          case Verdict.Refused r -> throw new ApiError(r.status(), r.message());
        };
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    String method = ctx.method().name();
    String path = endpoint != null ? endpoint.path : ctx.path();
    RouteTable.Row row = RouteTable.find(method, path).orElse(null);
    // A route with no row is closed to all but admins until it is given one.
    Role needed =
        row == null || row.access().role() == null
            ? Role.ADMIN
            : requireNonNull(row.access().role());
    if (!client.role().allows(needed)) {
      throw ApiError.forbidden(
          "Forbidden: client '"
              + client.name()
              + "' has the role "
              + client.role().wireName()
              + "; "
              + method
              + " "
              + path
              + " needs "
              + needed.wireName());
    }
    if (row != null && row.ownOnly() && client.role() == Role.CLIENT) {
      String id = ctx.pathParam("id");
      // Someone else's job or schedule answers exactly as an unknown one, so its existence stays
      // unknown.
      if (!owners.owner(row.owned(), id).map(client.name()::equals).orElse(false)) {
        throw row.owned() == RouteTable.Owned.JOB
            ? ApiError.notFound("Job not found")
            : ApiError.notFound("Schedule not found: " + id);
      }
    }
    ctx.attribute(Client.ATTRIBUTE, client);
  }

  /**
   * Admits a WebSocket upgrade request on a client route the way {@link #install} admits a request
   * (an upgrade does not pass the HTTP before-handlers): by token and quota, checked against the
   * route's row. Call it from the route's {@code wsBeforeUpgrade} handler; a refusal is thrown and
   * answered before the upgrade.
   */
  public static void admitUpgrade(Context ctx, ServerOptions options) {
    if (ctx.attribute(Client.ATTRIBUTE) != null) {
      return; // already admitted: an upgrade that did pass the before-handlers
    }
    admit(ctx, options.clientAccess(), (kind, id) -> Optional.empty());
  }

  static boolean isOpen(String path) {
    String p =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return OPEN_PATHS.contains(p);
  }

  /** {@code X-Avtomatika-Token}, else the {@code Authorization: Bearer} token, else null. */
  static @Nullable String tokenOf(Context ctx) {
    String token = ctx.header(TOKEN_HEADER);
    if (token != null && !token.isBlank()) {
      return token.strip();
    }
    String authorization = ctx.header("Authorization");
    if (authorization != null
        && authorization.length() > 7
        && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      String bearer = authorization.substring(7).strip();
      return bearer.isEmpty() ? null : bearer;
    }
    return null;
  }
}
