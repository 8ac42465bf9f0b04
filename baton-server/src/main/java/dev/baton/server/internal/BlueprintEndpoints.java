package dev.baton.server.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.server.route.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where Avtomatika clients create jobs of a blueprint: {@code POST
 * /api/<api_version><api_endpoint>}, or {@code POST /api<api_endpoint>} for a blueprint without a
 * version. Looked up when a request arrives, so a blueprint registered while the server runs is
 * served at once.
 *
 * <p>A create path that is also the path of another {@code POST} route under {@code /api} can never
 * be reached: the other route is matched first. Such a blueprint is reported (a warning in the log
 * when the server starts, {@code api_route_conflict} in {@code GET /api/v1/blueprints/{name}}, and
 * on {@code /_public/docs}); the other route keeps working.
 */
public final class BlueprintEndpoints {
  /**
   * The {@code POST} routes under {@code /api} other than blueprint create routes, as regular
   * expressions over the request path, with the route they stand for. A test checks that this list
   * covers every such route the server serves.
   */
  static final Map<Pattern, String> RESERVED = new LinkedHashMap<>();

  static {
    reserve("/api/v1/jobs", "POST /api/v1/jobs (native: create a job)");
    reserve("/api/v1/jobs/batch", "POST /api/v1/jobs/batch (native: create many jobs)");
    reserve("/api/v1/jobs/[^/]+/resume", "POST /api/v1/jobs/{id}/resume (native)");
    reserve("/api/v1/jobs/[^/]+/decision", "POST /api/v1/jobs/{id}/decision (native)");
    reserve("/api/v1/schedules(/.*)?", "POST /api/v1/schedules... (native: schedules)");
    reserve("/api/v1/calendars", "POST /api/v1/calendars (native: business calendars)");
    reserve(
        "/api/v1/workflows/[^/]+/(deploy|undeploy)",
        "POST /api/v1/workflows/{id}/deploy|undeploy (robot fleet)");
    reserve("/api(/[^/]+)?/jobs/[^/]+/cancel", "POST /api[/{api_version}]/jobs/{id}/cancel");
    reserve("/api(/[^/]+)?/admin/reload-workers", "POST /api[/{api_version}]/admin/reload-workers");
    reserve(
        "/api/v1/robots/[^/]+/(maintenance|commands)",
        "POST /api/v1/robots/{id}/maintenance|commands (robot fleet)");
    reserve(
        "/api/v1/robot-jobs(/[^/]+/(cancel|retry))?",
        "POST /api/v1/robot-jobs[/{id}/cancel|retry] (robot fleet)");
  }

  private BlueprintEndpoints() {}

  private static void reserve(String regex, String route) {
    RESERVED.put(Pattern.compile(regex), route);
  }

  /** The path of the blueprint's create route, or null when it declares no {@code api_endpoint}. */
  public static @Nullable String createPath(Blueprint b) {
    String endpoint = b.apiEndpoint();
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    String path = endpoint.startsWith("/") ? endpoint : "/" + endpoint;
    String version = b.apiVersion();
    return version == null || version.isBlank() ? "/api" + path : "/api/" + version + path;
  }

  /** The route that shadows this create path, or null when the path is free. */
  public static @Nullable String conflict(String createPath) {
    String path = stripTrailingSlash(createPath);
    for (Map.Entry<Pattern, String> e : RESERVED.entrySet()) {
      if (e.getKey().matcher(path).matches()) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * Why the blueprint's create route cannot be served, or null when it can (or it has none): it is
   * shadowed by another route, or another blueprint claims the same path.
   */
  public static @Nullable String problem(Blueprint b, List<Blueprint> all) {
    String path = createPath(b);
    if (path == null) {
      return null;
    }
    String shadow = conflict(path);
    if (shadow != null) {
      return "POST " + path + " is unreachable: it is the path of " + shadow;
    }
    List<String> others = claimants(path, all);
    others.remove(b.name());
    if (!others.isEmpty()) {
      return "POST " + path + " is also claimed by blueprint " + String.join(", ", others);
    }
    return null;
  }

  /** The blueprint whose create route is this path, if exactly one claims it. */
  static Optional<Blueprint> find(String requestPath, List<Blueprint> all) {
    String path = stripTrailingSlash(requestPath);
    List<Blueprint> found = new ArrayList<>();
    for (Blueprint b : all) {
      String p = createPath(b);
      if (p != null && stripTrailingSlash(p).equals(path)) {
        found.add(b);
      }
    }
    if (found.size() > 1) {
      throw new ApiError(
          409,
          "POST "
              + path
              + " is claimed by more than one blueprint ("
              + String.join(", ", found.stream().map(Blueprint::name).sorted().toList())
              + "); give each its own api_version or api_endpoint");
    }
    return found.stream().findFirst();
  }

  /** The versions that have a mount ({@code /api/<v>}): those of blueprints with an endpoint. */
  static Set<String> versions(List<Blueprint> all) {
    Set<String> out = new TreeSet<>();
    for (Blueprint b : all) {
      String v = b.apiVersion();
      if (v != null && !v.isBlank() && createPath(b) != null) {
        out.add(v);
      }
    }
    return out;
  }

  private static List<String> claimants(String path, List<Blueprint> all) {
    List<String> names = new ArrayList<>();
    for (Blueprint b : all) {
      String p = createPath(b);
      if (p != null && stripTrailingSlash(p).equals(stripTrailingSlash(path))) {
        names.add(b.name());
      }
    }
    return names;
  }

  private static String stripTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
