package dev.baton.console.internal;

import dev.baton.console.view.Frame;
import dev.baton.server.Client;
import dev.baton.server.ClientAccess;
import dev.baton.server.Role;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Who looks at a page, and whether they may: a session from logging in with a client token, or,
 * when no clients file is configured (open mode), an anonymous admin session started on the first
 * visit so that forms still carry a CSRF token. A page that needs more than the viewer's role is
 * answered 403 with a page saying what it needs; a change without the session's CSRF token is
 * refused before it is made.
 */
final class Access {
  private final @Nullable ClientAccess clients;
  private final Sessions sessions;
  private final Pages pages;
  private final LongSupplier lastEventId;
  private final Role actions;

  Access(
      @Nullable ClientAccess clients,
      Sessions sessions,
      Pages pages,
      LongSupplier lastEventId,
      Role actions) {
    this.clients = clients;
    this.actions = actions;
    this.lastEventId = lastEventId;
    this.sessions = sessions;
    this.pages = pages;
  }

  boolean open() {
    return clients == null;
  }

  /**
   * The viewer's session, or empty after answering: a redirect to the login page when there is
   * none, a 403 page when the role is not enough.
   */
  Optional<Session> viewer(Context ctx, Role needed, String title, String active) {
    Optional<Session> s = current(ctx);
    if (s.isEmpty()) {
      if (ctx.header("HX-Request") != null) {
        ctx.header("HX-Redirect", "/console/login");
        ctx.status(401);
      } else {
        ctx.redirect("/console/login");
      }
      return Optional.empty();
    }
    Client c = s.get().client();
    if (!c.role().allows(needed)) {
      refuseRole(ctx, s.get(), title, active, "this page needs " + needed.wireName() + ".");
      return Optional.empty();
    }
    return s;
  }

  /** The request's session; in open mode one is started if it has none. */
  Optional<Session> current(Context ctx) {
    Optional<Session> s = sessions.of(ctx);
    if (s.isEmpty() && open()) {
      s = Optional.of(sessions.open(ctx, Client.ANONYMOUS));
    }
    return s;
  }

  /**
   * Like {@link #viewer}, for a change: also refuses a form without the session's CSRF token. An
   * operator action ({@code needed} operator) needs the console's action role instead (operator, or
   * admin when so configured); a client's action on its own jobs and an admin's stay as asked.
   */
  Optional<Session> changer(Context ctx, Role needed, String title, String active) {
    Optional<Session> s = sessions.of(ctx);
    if (s.isEmpty()) {
      ctx.status(403).result("No console session: log in again.");
      return Optional.empty();
    }
    if (!Sessions.csrfMatches(s.get(), ctx.formParam("_csrf"))) {
      refuse(
          ctx,
          frame(s.get(), title, active),
          403,
          "The form's CSRF token is missing or wrong; nothing was changed. Reload the page and try"
              + " again.");
      return Optional.empty();
    }
    Role role = needed == Role.OPERATOR ? actions : needed;
    Client c = s.get().client();
    if (role != needed && !c.role().allows(role)) {
      refuseRole(
          ctx,
          s.get(),
          title,
          active,
          "on this server the console's operator actions need "
              + role.wireName()
              + " (BATON_CONSOLE_ACTION_ROLE). Nothing was changed.");
      return Optional.empty();
    }
    return viewer(ctx, role, title, active);
  }

  /** 403 for a client whose role is short of what {@code why} names. */
  private void refuseRole(Context ctx, Session s, String title, String active, String why) {
    Client c = s.client();
    refuse(
        ctx,
        frame(s, title, active),
        403,
        "Client '" + c.name() + "' has the role " + c.role().wireName() + "; " + why);
  }

  Frame frame(Session s, String title, String active) {
    return new Frame(
        title,
        active,
        s.client().name(),
        s.client().role().wireName(),
        open(),
        s.csrf(),
        s.client().role().allows(actions),
        lastEventId.getAsLong());
  }

  void refuse(Context ctx, Frame frame, int status, String message) {
    pages.send(ctx, status, "refused.jte", Map.of("frame", frame, "message", message));
  }
}
