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
 */
public record Client(
    String name, String plan, Map<String, Object> params, @Nullable Long monthlyAttempts) {

  /** The request attribute under which the client gate leaves the admitted client. */
  public static final String ATTRIBUTE = "baton.client";

  /** Who calls when no clients file is configured (open mode, for local use). */
  public static final Client ANONYMOUS = new Client("anonymous", "unknown", Map.of(), null);

  public Client {
    params = Maps.copy(params);
  }

  /** What a job created by this client carries as its {@code client} attribute. */
  public JobClient asJobAttribute() {
    return JobClient.named(name, plan, params);
  }
}
