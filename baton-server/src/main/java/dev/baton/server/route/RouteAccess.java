package dev.baton.server.route;

import dev.baton.server.Role;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Who may call a route: nobody needs a token ({@link #PUBLIC}), a client token of at least a role
 * ({@link #CLIENT}, {@link #OPERATOR}, {@link #ADMIN}), a worker token ({@link #WORKER}), a robot
 * token ({@link #ROBOT}), a managed component ({@link #COMPONENT}: its shared secret, or a loopback
 * address when it has none), or the console's session ({@link #CONSOLE}: a cookie got by logging in
 * with a client token, whose role the console checks page by page).
 */
public enum RouteAccess {
  PUBLIC(null),
  CLIENT(Role.CLIENT),
  OPERATOR(Role.OPERATOR),
  ADMIN(Role.ADMIN),
  WORKER(null),
  ROBOT(null),
  COMPONENT(null),
  CONSOLE(null);

  private final @Nullable Role role;

  RouteAccess(@Nullable Role role) {
    this.role = role;
  }

  /** The client role the route needs, or null when client tokens do not decide. */
  public @Nullable Role role() {
    return role;
  }

  /** The name in the docs' table. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
