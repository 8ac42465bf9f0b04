package dev.baton.server;

import dev.baton.job.JobClient;
import dev.baton.job.Maps;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The client a request on a client route ({@code /api/...}) comes from: Avtomatika's {@code
 * clients.toml} section. Handlers and blueprints see its plan and params (as {@code client} in
 * conditions and templates); the token itself never leaves the access check.
 *
 * @param name the section name in clients.toml (a label), or {@code anonymous} in open mode
 * @param monthlyAttempts the monthly quota, or null for none
 * @param role what the client may do ({@code role} in clients.toml, default {@code client})
 */
public record Client(
    String name,
    String plan,
    Map<String, Object> params,
    @Nullable Long monthlyAttempts,
    Role role) {

  /** The request attribute under which the client gate leaves the admitted client. */
  public static final String ATTRIBUTE = "baton.client";

  /**
   * Who calls when no clients file is configured (open mode, for local use): an admin, since
   * without tokens there is no one to tell apart. The server refuses to listen beyond loopback in
   * this mode unless told to ({@code --insecure-bind}).
   */
  public static final Client ANONYMOUS =
      new Client("anonymous", "unknown", Map.of(), null, Role.ADMIN);

  public Client {
    params = Maps.copy(params);
  }

  /** A client with the {@link Role#CLIENT} role. */
  public Client(
      String name, String plan, Map<String, Object> params, @Nullable Long monthlyAttempts) {
    this(name, plan, params, monthlyAttempts, Role.CLIENT);
  }

  /** What a job created by this client carries as its {@code client} attribute. */
  public JobClient asJobAttribute() {
    return JobClient.named(name, plan, params);
  }
}
