package dev.baton.server.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every route Baton serves and who may call it: the one declared table the client gate enforces,
 * and that {@code docs/access.md} shows (a test compares the two, and compares this table with the
 * routes a running server has, so none can drift). Paths are written as they are registered, with
 * {@code {param}} and {@code <param>} placeholders.
 *
 * <p>A client route that is missing here needs {@link RouteAccess#ADMIN}: a new route is closed
 * until it is given a row. {@link Row#owned} marks a route whose {@code {id}} names a job or a
 * schedule: a client with the {@code client} role reaches it only for one it created, and gets 404
 * for any other (so it learns nothing of other clients' jobs and schedules).
 */
public final class RouteTable {
  private RouteTable() {}

  /**
   * What a route's {@code {id}} names that a {@code client} must own: nothing, a job, a schedule.
   */
  public enum Owned {
    NONE,
    JOB,
    SCHEDULE
  }

  /** One route: method, path, who may call it, and what its {@code {id}} names to own. */
  public record Row(String method, String path, RouteAccess access, Owned owned) {
    public String key() {
      return method + " " + path;
    }

    /** Whether a {@code client} reaches it only for its own job or schedule. */
    public boolean ownOnly() {
      return owned != Owned.NONE;
    }
  }

  private static final String V1 = "/api/v1";
  private static final String VN = "/api/{api_version}";

  /** The table, in the order of the docs. */
  public static final List<Row> ROWS =
      List.of(
          // Jobs: a client reaches its own.
          client("POST", V1 + "/jobs"),
          client("POST", V1 + "/jobs/batch"),
          client("GET", V1 + "/jobs"),
          own("GET", V1 + "/jobs/{id}"),
          own("GET", V1 + "/jobs/{id}/history"),
          own("GET", V1 + "/jobs/{id}/tasks"),
          own("POST", V1 + "/jobs/{id}/cancel"),
          own("POST", V1 + "/jobs/{id}/resume"),
          own("POST", V1 + "/jobs/{id}/decision"),
          // Realtime channels: a client receives only its own jobs' events (see ChannelSelection).
          client("GET", V1 + "/events"),
          client("GET", V1 + "/events/ws"),
          client("POST", "/api/<endpoint>"),
          client("GET", "/api/jobs"),
          own("GET", "/api/jobs/{id}"),
          own("POST", "/api/jobs/{id}/cancel"),
          own("GET", "/api/jobs/{id}/history"),
          client("GET", VN + "/jobs"),
          own("GET", VN + "/jobs/{id}"),
          own("POST", VN + "/jobs/{id}/cancel"),
          own("GET", VN + "/jobs/{id}/history"),
          // Blueprints.
          client("GET", V1 + "/blueprints"),
          client("GET", V1 + "/blueprints/{name}"),
          client("GET", V1 + "/blueprints/{name}/graph"),
          client("GET", "/api/blueprints/{name}/graph"),
          client("GET", VN + "/blueprints/{name}/graph"),
          // Stored definitions (docs/definitions.md): anyone reads, operators change.
          row("POST", V1 + "/blueprints", RouteAccess.OPERATOR),
          client("GET", V1 + "/blueprints/{name}/versions"),
          client("GET", V1 + "/blueprints/{name}/versions/{version}"),
          client("GET", V1 + "/blueprints/{name}/diff"),
          row("POST", V1 + "/blueprints/{name}/versions/{version}/publish", RouteAccess.OPERATOR),
          row("POST", V1 + "/blueprints/{name}/versions/{version}/archive", RouteAccess.OPERATOR),
          client("GET", V1 + "/definitions"),
          // CasareRPA's workflows, on the same store.
          row("POST", V1 + "/workflows", RouteAccess.OPERATOR),
          client("GET", V1 + "/workflows"),
          client("GET", V1 + "/workflows/{id}"),
          row("DELETE", V1 + "/workflows/{id}", RouteAccess.OPERATOR),
          // Versions: checking a change and moving running jobs are operators' work.
          row("POST", V1 + "/blueprints/{name}/check", RouteAccess.OPERATOR),
          row("POST", V1 + "/blueprints/{name}/migrate", RouteAccess.OPERATOR),
          // The server's state: operators.
          row("GET", V1 + "/workers", RouteAccess.OPERATOR),
          row("GET", "/api/workers", RouteAccess.OPERATOR),
          row("GET", VN + "/workers", RouteAccess.OPERATOR),
          row("GET", V1 + "/dashboard", RouteAccess.OPERATOR),
          row("GET", "/api/dashboard", RouteAccess.OPERATOR),
          row("GET", VN + "/dashboard", RouteAccess.OPERATOR),
          row("GET", V1 + "/ledger", RouteAccess.OPERATOR),
          row("GET", V1 + "/cluster", RouteAccess.OPERATOR),
          // Schedules: a client reaches its own (the list shows it only its own).
          client("GET", V1 + "/schedules"),
          client("POST", V1 + "/schedules"),
          client("POST", V1 + "/schedules/preview"),
          ownSchedule("GET", V1 + "/schedules/{id}"),
          ownSchedule("PATCH", V1 + "/schedules/{id}"),
          ownSchedule("DELETE", V1 + "/schedules/{id}"),
          ownSchedule("POST", V1 + "/schedules/{id}/pause"),
          ownSchedule("POST", V1 + "/schedules/{id}/resume"),
          ownSchedule("POST", V1 + "/schedules/{id}/trigger"),
          ownSchedule("GET", V1 + "/schedules/{id}/preview"),
          ownSchedule("GET", V1 + "/schedules/{id}/runs"),
          // Business calendars are shared by every client's schedules: clients read, operators
          // change them.
          client("GET", V1 + "/calendars"),
          row("POST", V1 + "/calendars", RouteAccess.OPERATOR),
          client("GET", V1 + "/calendars/{name}"),
          row("PUT", V1 + "/calendars/{name}", RouteAccess.OPERATOR),
          row("DELETE", V1 + "/calendars/{name}", RouteAccess.OPERATOR),
          client("GET", V1 + "/calendars/{name}/days"),
          // Robots are the fleet's, for operators; a robot job is a job, and a client reaches its
          // own.
          row("GET", V1 + "/robots", RouteAccess.OPERATOR),
          row("GET", V1 + "/robots/{id}", RouteAccess.OPERATOR),
          row("POST", V1 + "/robots/{id}/maintenance", RouteAccess.OPERATOR),
          row("POST", V1 + "/robots/{id}/commands", RouteAccess.OPERATOR),
          client("POST", V1 + "/robot-jobs"),
          client("GET", V1 + "/robot-jobs"),
          own("GET", V1 + "/robot-jobs/{id}"),
          own("POST", V1 + "/robot-jobs/{id}/cancel"),
          own("POST", V1 + "/robot-jobs/{id}/retry"),
          own("GET", V1 + "/robot-jobs/{id}/logs"),
          row("GET", V1 + "/fleet/dashboard", RouteAccess.OPERATOR),
          // Deploying stored workflows to robots (the fleet's): operators.
          row("POST", V1 + "/workflows/{id}/deploy", RouteAccess.OPERATOR),
          row("POST", V1 + "/workflows/{id}/undeploy", RouteAccess.OPERATOR),
          row("GET", V1 + "/workflows/{id}/deployments", RouteAccess.OPERATOR),
          row("GET", V1 + "/robots/{id}/deployments", RouteAccess.OPERATOR),
          // Components and scenarios.
          row("GET", V1 + "/components", RouteAccess.OPERATOR),
          row("GET", V1 + "/components/{name}", RouteAccess.OPERATOR),
          row("POST", V1 + "/components/{name}/commands", RouteAccess.OPERATOR),
          row("GET", V1 + "/scenarios", RouteAccess.OPERATOR),
          row("POST", V1 + "/scenarios/ack", RouteAccess.OPERATOR),
          row("GET", V1 + "/scenarios/{name}", RouteAccess.OPERATOR),
          row("POST", V1 + "/scenarios/{name}/run", RouteAccess.OPERATOR),
          row("POST", V1 + "/scenarios/{name}/ack", RouteAccess.OPERATOR),
          row("POST", V1 + "/scenarios/{name}/request", RouteAccess.OPERATOR),
          row("GET", V1 + "/scenarios/{name}/runs", RouteAccess.OPERATOR),
          row("GET", V1 + "/scenario-runs", RouteAccess.OPERATOR),
          row("GET", V1 + "/scenario-runs/{id}", RouteAccess.OPERATOR),
          // The control loop: operators read it, admins change it.
          row("GET", "/orchestrator/snapshot", RouteAccess.OPERATOR),
          row("GET", "/orchestrator/status", RouteAccess.OPERATOR),
          row("POST", "/orchestrator/run-once", RouteAccess.ADMIN),
          row("POST", "/orchestrator/enable", RouteAccess.ADMIN),
          row("POST", "/orchestrator/disable", RouteAccess.ADMIN),
          row("GET", V1 + "/orchestrator/snapshot", RouteAccess.OPERATOR),
          row("GET", V1 + "/orchestrator/status", RouteAccess.OPERATOR),
          row("POST", V1 + "/orchestrator/run-once", RouteAccess.ADMIN),
          row("POST", V1 + "/orchestrator/enable", RouteAccess.ADMIN),
          row("POST", V1 + "/orchestrator/disable", RouteAccess.ADMIN),
          // The server itself: admins.
          row("POST", V1 + "/admin/reload-workers", RouteAccess.ADMIN),
          row("POST", "/api/admin/reload-workers", RouteAccess.ADMIN),
          row("POST", VN + "/admin/reload-workers", RouteAccess.ADMIN),
          // Open.
          row("GET", V1 + "/health", RouteAccess.PUBLIC),
          row("GET", "/api/openapi.yaml", RouteAccess.PUBLIC),
          row("GET", "/api/docs", RouteAccess.PUBLIC),
          row("GET", "/_public/status", RouteAccess.PUBLIC),
          row("GET", "/_public/metrics", RouteAccess.PUBLIC),
          row("GET", "/_public/docs", RouteAccess.PUBLIC),
          row("GET", "/_public/jobs/quarantined", RouteAccess.PUBLIC),
          row("POST", "/_public/webhooks/approval/{job_id}", RouteAccess.PUBLIC),
          row("POST", "/_public/debug/flush_db", RouteAccess.PUBLIC),
          // The console: a session cookie from logging in with a client token; each page checks
          // the session's role (the overview and robots need operator, a client sees its own jobs;
          // anyone reads the blueprints, operators change them, as over the API).
          row("GET", "/", RouteAccess.CONSOLE),
          row("GET", "/console/overview", RouteAccess.CONSOLE),
          row("GET", "/console/series", RouteAccess.CONSOLE),
          row("GET", "/console/jobs", RouteAccess.CONSOLE),
          row("GET", "/console/jobs/{id}", RouteAccess.CONSOLE),
          row("POST", "/console/jobs/{id}/cancel", RouteAccess.CONSOLE),
          row("POST", "/console/jobs/{id}/decision", RouteAccess.CONSOLE),
          row("POST", "/console/jobs/{id}/resume", RouteAccess.CONSOLE),
          row("GET", "/console/quarantine", RouteAccess.CONSOLE),
          row("POST", "/console/quarantine/resume", RouteAccess.CONSOLE),
          row("GET", "/console/robots", RouteAccess.CONSOLE),
          row("GET", "/console/robots/{id}", RouteAccess.CONSOLE),
          row("POST", "/console/robots/{id}/jobs", RouteAccess.CONSOLE),
          row("POST", "/console/robots/{id}/drain", RouteAccess.CONSOLE),
          row("POST", "/console/robots/{id}/command", RouteAccess.CONSOLE),
          row("GET", "/console/cluster", RouteAccess.CONSOLE),
          row("GET", "/console/blueprints", RouteAccess.CONSOLE),
          row("POST", "/console/blueprints", RouteAccess.CONSOLE),
          row("GET", "/console/blueprints/{name}", RouteAccess.CONSOLE),
          row("POST", "/console/blueprints/{name}/push", RouteAccess.CONSOLE),
          row("POST", "/console/blueprints/{name}/migrate", RouteAccess.CONSOLE),
          row("POST", "/console/blueprints/{name}/versions/{version}/publish", RouteAccess.CONSOLE),
          row("POST", "/console/blueprints/{name}/versions/{version}/archive", RouteAccess.CONSOLE),
          row("GET", "/console/schedules", RouteAccess.CONSOLE),
          row("POST", "/console/schedules/preview", RouteAccess.CONSOLE),
          row("GET", "/console/schedules/new", RouteAccess.CONSOLE),
          row("POST", "/console/schedules/new", RouteAccess.CONSOLE),
          row("GET", "/console/schedules/{id}", RouteAccess.CONSOLE),
          row("GET", "/console/schedules/{id}/edit", RouteAccess.CONSOLE),
          row("POST", "/console/schedules/{id}/edit", RouteAccess.CONSOLE),
          row("POST", "/console/schedules/{id}/pause", RouteAccess.CONSOLE),
          row("POST", "/console/schedules/{id}/resume", RouteAccess.CONSOLE),
          row("POST", "/console/schedules/{id}/trigger", RouteAccess.CONSOLE),
          row("POST", "/console/schedules/{id}/delete", RouteAccess.CONSOLE),
          row("GET", "/console/scenarios", RouteAccess.CONSOLE),
          row("POST", "/console/scenarios/ack", RouteAccess.CONSOLE),
          row("GET", "/console/scenarios/{name}", RouteAccess.CONSOLE),
          row("POST", "/console/scenarios/{name}/run", RouteAccess.CONSOLE),
          row("POST", "/console/scenarios/{name}/ack", RouteAccess.CONSOLE),
          row("GET", "/console/scenario-runs/{id}", RouteAccess.CONSOLE),
          row("POST", "/console/components/{name}/command", RouteAccess.CONSOLE),
          row("GET", "/console/loop", RouteAccess.CONSOLE),
          row("GET", "/console/loop/series", RouteAccess.CONSOLE),
          row("POST", "/console/loop/enable", RouteAccess.CONSOLE),
          row("POST", "/console/loop/disable", RouteAccess.CONSOLE),
          row("POST", "/console/loop/run-once", RouteAccess.CONSOLE),
          row("GET", "/console/ledger", RouteAccess.CONSOLE),
          row("GET", "/console/login", RouteAccess.CONSOLE),
          row("POST", "/console/login", RouteAccess.CONSOLE),
          row("POST", "/console/logout", RouteAccess.CONSOLE),
          row("GET", "/console/events", RouteAccess.CONSOLE),
          // Other parties, each with its own secret.
          row("POST", "/_worker/workers/register", RouteAccess.WORKER),
          row("PATCH", "/_worker/workers/{id}", RouteAccess.WORKER),
          row("GET", "/_worker/workers/{id}/tasks/next", RouteAccess.WORKER),
          row("POST", "/_worker/tasks/result", RouteAccess.WORKER),
          row("GET", "/_worker/ws/{id}", RouteAccess.WORKER),
          row("GET", "/robots/ws", RouteAccess.ROBOT),
          row("POST", "/event", RouteAccess.COMPONENT));

  private static final Map<String, Row> BY_KEY = index();

  private static Map<String, Row> index() {
    Map<String, Row> m = new LinkedHashMap<>();
    for (Row r : ROWS) {
      if (m.put(r.key(), r) != null) {
        throw new IllegalStateException("two rows for " + r.key());
      }
    }
    return Map.copyOf(m);
  }

  /** The row of a route, by its method and registered path. */
  public static Optional<Row> find(String method, String path) {
    return Optional.ofNullable(BY_KEY.get(method + " " + path));
  }

  private static Row row(String method, String path, RouteAccess access) {
    return new Row(method, path, access, Owned.NONE);
  }

  private static Row client(String method, String path) {
    return row(method, path, RouteAccess.CLIENT);
  }

  private static Row own(String method, String path) {
    return new Row(method, path, RouteAccess.CLIENT, Owned.JOB);
  }

  private static Row ownSchedule(String method, String path) {
    return new Row(method, path, RouteAccess.CLIENT, Owned.SCHEDULE);
  }
}
