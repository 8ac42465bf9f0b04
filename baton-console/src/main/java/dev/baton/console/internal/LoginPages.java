package dev.baton.console.internal;

import dev.baton.server.ClientAccess;
import dev.baton.server.ClientAccess.Verdict;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Logging in with a client token ({@code POST /console/login}: the token is checked as the API
 * checks it, then forgotten; the session keeps only the client) and out ({@code POST
 * /console/logout}, with the CSRF token). In open mode there is nothing to log in to: the login
 * page sends the browser to the overview.
 */
final class LoginPages {
  private final @Nullable ClientAccess clients;
  private final Sessions sessions;
  private final Access access;
  private final Pages pages;

  LoginPages(@Nullable ClientAccess clients, Sessions sessions, Access access, Pages pages) {
    this.clients = clients;
    this.sessions = sessions;
    this.access = access;
    this.pages = pages;
  }

  void register(RoutesConfig routes) {
    routes.get("/console/login", this::page);
    routes.post("/console/login", this::login);
    routes.post("/console/logout", this::logout);
  }

  private void page(Context ctx) {
    if (clients == null) {
      ctx.redirect("/");
      return;
    }
    pages.send(ctx, 200, "login.jte", Map.of("error", ""));
  }

  private void login(Context ctx) {
    ClientAccess c = clients;
    if (c == null) {
      ctx.redirect("/");
      return;
    }
    String token = ctx.formParam("token");
    Verdict verdict =
        token == null || token.isBlank()
            ? new Verdict.Refused(401, "Give a token.")
            : c.admit(token.strip());
    switch (verdict) {
      case Verdict.Admitted a -> {
        sessions.open(ctx, a.client());
        ctx.redirect(
            a.client().role() == Role.CLIENT ? "/console/jobs" : "/", HttpStatus.SEE_OTHER);
      }
      case Verdict.Refused r ->
          pages.send(ctx, r.status(), "login.jte", Map.of("error", r.message()));
    }
  }

  private void logout(Context ctx) {
    Optional<Session> s = access.changer(ctx, Role.CLIENT, "Log out", "");
    if (s.isPresent()) {
      sessions.close(ctx);
      ctx.redirect(clients == null ? "/" : "/console/login", HttpStatus.SEE_OTHER);
    }
  }
}
