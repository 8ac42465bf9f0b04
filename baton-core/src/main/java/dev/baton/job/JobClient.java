package dev.baton.job;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who started a job, its {@code client} attribute: an Avtomatika client (name, plan and params from
 * clients.toml) or the scheduler's fixed client (token, plan, params). Handlers see it as the
 * {@code client} variable in conditions and templates, in the same shape as {@link #toMap()}.
 *
 * <p>Every part may be absent: a part that is null is left out of the map, so a job keeps exactly
 * what its face gave it (and what an existing database holds).
 *
 * @param name the client's section name in clients.toml, or {@code anonymous}
 * @param token the scheduler's {@code internal-scheduler} (a client's real token never lands here)
 * @param params the client's params, as configured (handlers interpret them, Baton does not)
 */
public record JobClient(
    @Nullable String name,
    @Nullable String token,
    @Nullable String plan,
    @Nullable Map<String, Object> params) {

  public JobClient {
    params = params == null ? null : Maps.copy(params);
  }

  /** A client of the HTTP face, by its clients.toml section. */
  public static JobClient named(String name, String plan, Map<String, Object> params) {
    return new JobClient(name, null, plan, params);
  }

  /**
   * What Avtomatika's scheduler gives the jobs it starts, so that handlers written for it work:
   * token {@code internal-scheduler}, plan {@code system}, params {@code source: scheduler:<name>}.
   */
  public static JobClient scheduler(String scheduleName) {
    return scheduler(scheduleName, null);
  }

  /**
   * The scheduler's client for a schedule a client created ({@code owner}): the same, with the
   * owner's name, so that the jobs the schedule starts belong to that client (it lists and reads
   * them). Null {@code owner}: no name, as in Avtomatika.
   */
  public static JobClient scheduler(String scheduleName, @Nullable String owner) {
    return new JobClient(
        owner, "internal-scheduler", "system", Map.of("source", "scheduler:" + scheduleName));
  }

  /** The {@code client} attribute as stored and as handlers see it. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (name != null) {
      m.put("name", name);
    }
    if (token != null) {
      m.put("token", token);
    }
    if (plan != null) {
      m.put("plan", plan);
    }
    if (params != null) {
      m.put("params", params);
    }
    return m;
  }

  /** Reads a stored {@code client} attribute; a part of the wrong type counts as absent. */
  @SuppressWarnings("unchecked")
  static JobClient fromMap(Map<?, ?> m) {
    return new JobClient(
        m.get("name") instanceof String s ? s : null,
        m.get("token") instanceof String s ? s : null,
        m.get("plan") instanceof String s ? s : null,
        m.get("params") instanceof Map<?, ?> p ? (Map<String, Object>) p : null);
  }
}
