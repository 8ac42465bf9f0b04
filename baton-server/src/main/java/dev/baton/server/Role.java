package dev.baton.server;

import java.util.Locale;

/**
 * What a client of {@code clients.toml} may do ({@code role = "client" | "operator" | "admin"}),
 * each role allowing everything the one before it allows:
 *
 * <ul>
 *   <li>{@link #CLIENT}: creates jobs, and reads, cancels, resumes and decides only the jobs it
 *       created; reads the blueprints;
 *   <li>{@link #OPERATOR}: also every job, the workers, schedules, robots, components, scenarios,
 *       the ledger and the control loop's state; sends component and robot commands;
 *   <li>{@link #ADMIN}: also changes the server itself (reloads {@code workers.toml}, turns the
 *       control loop on or off).
 * </ul>
 *
 * Which route needs which role is {@link dev.baton.server.route.RouteTable}.
 */
public enum Role {
  CLIENT,
  OPERATOR,
  ADMIN;

  /** Whether this role may use a route that needs {@code needed}. */
  public boolean allows(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The name used in {@code clients.toml} and the docs. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException naming the roles there are
   */
  public static Role parse(String s) {
    for (Role r : values()) {
      if (r.wireName().equals(s)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "'" + s + "' is not a role; the roles are client, operator and admin");
  }
}
