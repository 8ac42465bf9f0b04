package dev.baton.fleet.web;

import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.fleet.Fleet;
import dev.baton.fleet.RobotJob;
import dev.baton.fleet.RobotJobs;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.Page;
import dev.baton.log.LogContext;
import dev.baton.robot.JobLog;
import dev.baton.robot.Priority;
import dev.baton.robot.Robot;
import dev.baton.robot.RobotJobStatus;
import dev.baton.server.Client;
import dev.baton.server.ClientJobs;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.IdempotencyKey;
import dev.baton.server.route.Json;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.QueryParams;
import dev.baton.server.route.Requests;
import dev.baton.server.route.RouteLog;
import dev.baton.server.route.RouteSet;
import dev.baton.server.route.TraceHeaders;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The robot fleet's routes: the robots' WebSocket at {@value #SOCKET}, and under {@code /api/v1}
 * the robot registry (with maintenance and commands), robot jobs (submit, view, cancel, retry,
 * logs) and CasareRPA's dashboard metrics. Pass it to {@code BatonServer.start(..., List.of(new
 * RobotRoutes(fleet, engine, maxBytes)))}.
 */
public final class RobotRoutes implements RouteSet {
  public static final String SOCKET = "/robots/ws";
  static final String BASE = "/api/v1";
  private static final Set<String> JOB_FIELDS =
      Set.of(
          "workflow_id",
          "workflow_name",
          "workflow_json",
          "parameters",
          "variables",
          "priority",
          "robot_id",
          "strategy",
          "tags",
          "capabilities",
          "task_type",
          "timeout_seconds",
          "max_retries",
          "idempotency_key",
          "created_by");

  private final Fleet fleet;
  private final Engine engine;
  private final Requests requests;
  private final RobotSocket socket;
  private final DeploymentRoutes deployments;

  public RobotRoutes(Fleet fleet, Engine engine, long maxRequestBytes) {
    this.fleet = fleet;
    this.engine = engine;
    this.requests = new Requests(maxRequestBytes);
    this.socket = new RobotSocket(fleet);
    this.deployments = new DeploymentRoutes(fleet, requests);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.ws(SOCKET, socket::configure);
    routes.get(BASE + "/robots", ctx -> ctx.json(fleet.robots().stream().map(this::view).toList()));
    routes.get(BASE + "/robots/{id}", ctx -> asRobot(ctx, c -> c.json(view(robot(c)))));
    routes.post(BASE + "/robots/{id}/maintenance", ctx -> asRobot(ctx, this::maintenance));
    routes.post(BASE + "/robots/{id}/commands", ctx -> asRobot(ctx, this::command));
    routes.post(BASE + "/robot-jobs", this::submit);
    routes.get(BASE + "/robot-jobs", this::list);
    routes.get(BASE + "/robot-jobs/{id}", ctx -> asJob(ctx, c -> c.json(jobs().view(job(c)))));
    routes.post(BASE + "/robot-jobs/{id}/cancel", ctx -> asJob(ctx, this::cancel));
    routes.post(BASE + "/robot-jobs/{id}/retry", ctx -> asJob(ctx, this::retry));
    routes.get(BASE + "/robot-jobs/{id}/logs", ctx -> asJob(ctx, this::logs));
    routes.get(BASE + "/fleet/dashboard", ctx -> ctx.json(fleet.dashboard()));
    deployments.register(routes);
  }

  /** A route of the robot in the path, with its id in the log fields from the start. */
  private static void asRobot(Context ctx, Handler route) throws Exception {
    RouteLog.run(
        ctx,
        LogContext.empty().with(LogContext.ROBOT_ID, ctx.pathParam("id")),
        (c, fields) -> route.handle(c));
  }

  /** A route of the robot job in the path, with its id in the log fields from the start. */
  private static void asJob(Context ctx, Handler route) throws Exception {
    RouteLog.run(
        ctx,
        LogContext.empty().with(LogContext.JOB_ID, ctx.pathParam("id")),
        (c, fields) -> route.handle(c));
  }

  private RobotJobs jobs() {
    return fleet.jobs();
  }

  private Robot robot(Context ctx) {
    String id = ctx.pathParam("id");
    return fleet.robot(id).orElseThrow(() -> ApiError.notFound("Robot not found: " + id));
  }

  private Job job(Context ctx) {
    return jobs().require(ctx.pathParam("id"));
  }

  private void maintenance(Context ctx) {
    JsonBody body = requests.object(ctx, false).onlyFields(Set.of("enabled"));
    if (!(body.raw("enabled") instanceof Boolean on)) {
      throw ApiError.badRequest(
          "field 'enabled' is required: true drains the robot, false ends it");
    }
    ctx.json(view(fleet.drain(robot(ctx).id(), on)));
  }

  private void command(Context ctx) {
    JsonBody body = requests.object(ctx, false).onlyFields(Set.of("command", "graceful"));
    String command = body.requiredString("command");
    Map<String, Object> extra = new LinkedHashMap<>();
    if (body.raw("graceful") instanceof Boolean g) {
      extra.put("graceful", g);
    }
    // Queued: the robot is connected to another node, which sends it when the store tells it.
    boolean sent = fleet.command(robot(ctx).id(), command, extra);
    ctx.status(202).json(Map.of("status", sent ? "sent" : "queued", "command", command));
  }

  private void submit(Context ctx) {
    JsonBody body = requests.object(ctx, false).onlyFields(JOB_FIELDS);
    RobotJob job = withHeaderKey(ctx, robotJob(body));
    boolean bypass = "true".equals(ctx.queryParam("bypass_dedup"));
    RobotJobs.Submitted s =
        jobs()
            .submit(
                job, client(ctx, body), caller(ctx).asJobAttribute(), bypass, TraceHeaders.of(ctx));
    ctx.status(s.created() ? 201 : 200)
        .header("Location", BASE + "/robot-jobs/" + s.job().id())
        .json(jobs().view(s.job()));
  }

  /**
   * The {@code Idempotency-Key} header, as every create route takes it, is the body's {@code
   * idempotency_key} when the body has none; both, and different, is a 400.
   */
  private static RobotJob withHeaderKey(Context ctx, RobotJob job) {
    String header = IdempotencyKey.of(ctx);
    if (header == null) {
      return job;
    }
    if (job.idempotencyKey() != null && !job.idempotencyKey().equals(header)) {
      throw ApiError.badRequest(
          "header '"
              + IdempotencyKey.HEADER
              + "' and field 'idempotency_key' differ; send one of them, or the same key");
    }
    return job.withIdempotencyKey(header);
  }

  /** The client the access gate admitted ({@link Client#ANONYMOUS} in open mode). */
  private static Client caller(Context ctx) {
    return ctx.attribute(Client.ATTRIBUTE) instanceof Client client ? client : Client.ANONYMOUS;
  }

  /** Fair share is per client: the authenticated client, and within it the {@code created_by}. */
  private static String client(Context ctx, JsonBody body) {
    String name = caller(ctx).name();
    String by = body.string("created_by");
    return by == null || by.isBlank() ? name : name + "/" + by;
  }

  private RobotJob robotJob(JsonBody body) {
    String paramsField = body.raw("parameters") != null ? "parameters" : "variables";
    Map<String, Object> params = body.object(paramsField).fields();
    int priority = 1;
    if (body.raw("priority") != null) {
      try {
        priority = Priority.parse(body.raw("priority"));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("field 'priority': " + e.getMessage());
      }
    }
    String strategy = body.string("strategy");
    if (strategy != null && engine.strategy(strategy).isEmpty()) {
      throw ApiError.badRequest(
          "field 'strategy': unknown strategy '"
              + strategy
              + "'; known: "
              + String.join(", ", new TreeSet<>(engine.strategyNames())));
    }
    Object workflowJson = body.raw("workflow_json");
    String json =
        workflowJson == null
            ? null
            : workflowJson instanceof String s ? s : Json.write(workflowJson);
    Integer timeout = body.integer("timeout_seconds", 1, 31 * 24 * 3600);
    Integer retries = body.integer("max_retries", 0, 100);
    String type = body.string("task_type");
    return new RobotJob(
        body.requiredString("workflow_id"),
        body.string("workflow_name"),
        json,
        params,
        priority,
        body.string("robot_id"),
        strategy,
        strings(body, "tags"),
        strings(body, "capabilities"),
        type == null || type.isBlank() ? RobotJob.DEFAULT_TASK_TYPE : type,
        timeout == null ? (int) fleet.jobsTimeout().toSeconds() : timeout,
        retries == null ? 0 : retries,
        body.string("idempotency_key"));
  }

  private static List<String> strings(JsonBody body, String field) {
    Object v = body.raw(field);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw ApiError.badRequest("field '" + field + "' must be a list of strings");
  }

  private void list(Context ctx) {
    int limit = intParam(ctx, "limit", 50, 1, JobQuery.MAX_LIMIT);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    JobQuery query = new JobQuery(null, RobotJobs.BLUEPRINT, limit, offset);
    // A client with the client role lists only its own robot jobs (operators: every one).
    Page<Job> page = ClientJobs.page(engine, caller(ctx), query);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", page.items().stream().map(j -> jobs().view(j)).toList());
    out.put("total", page.total());
    out.put("limit", limit);
    out.put("offset", offset);
    ctx.json(out);
  }

  private void cancel(Context ctx) {
    Job job = job(ctx);
    try {
      jobs().status(job).check(RobotJobStatus.CANCELLED);
    } catch (IllegalStateException e) {
      throw BatonException.conflict(String.valueOf(e.getMessage()));
    }
    ctx.json(jobs().view(engine.cancel(job.id())));
  }

  private void retry(Context ctx) {
    Job job = job(ctx);
    Job again;
    try {
      again = jobs().retry(job.id(), client(ctx, JsonBody.empty()));
    } catch (IllegalStateException e) {
      throw BatonException.conflict(
          "only a failed, cancelled or timed-out job can be retried: " + e.getMessage());
    }
    ctx.status(201).header("Location", BASE + "/robot-jobs/" + again.id()).json(jobs().view(again));
  }

  private void logs(Context ctx) {
    Job job = job(ctx);
    int limit = intParam(ctx, "limit", 100, 1, 1000);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    List<Map<String, @Nullable Object>> out =
        fleet.logs(job.id(), offset, limit).stream().map(RobotRoutes::logView).toList();
    ctx.json(out);
  }

  private static Map<String, @Nullable Object> logView(JobLog l) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("job_id", l.jobId());
    m.put("robot_id", l.robotId());
    m.put("timestamp", l.at().toString());
    m.put("level", l.level());
    m.put("message", l.message());
    m.put("node_id", l.nodeId());
    m.put("extra", l.extra());
    return m;
  }

  private Map<String, @Nullable Object> view(Robot r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("name", r.name());
    m.put("environment", r.environment());
    m.put("status", r.status().wireName());
    m.put("max_concurrent_jobs", r.maxConcurrentJobs());
    m.put("current_jobs", r.currentJobs());
    m.put("load", r.load());
    m.put("is_available", r.isAvailable());
    m.put("maintenance", r.drained());
    m.put("connected", fleet.isConnected(r.id()));
    m.put("capabilities", r.capabilities());
    m.put("tags", r.tags());
    m.put("last_heartbeat", r.lastHeartbeat() == null ? null : r.lastHeartbeat().toString());
    m.put("metrics", r.metrics());
    m.put("registered_at", r.registeredAt().toString());
    return m;
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    return QueryParams.integer(ctx, name, fallback, min, max);
  }
}
