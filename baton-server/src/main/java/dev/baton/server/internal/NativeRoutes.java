package dev.baton.server.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.Page;
import dev.baton.robot.JobKeys;
import dev.baton.server.ClientAccess;
import dev.baton.server.ClientJobs;
import dev.baton.server.access.ApprovalLinks;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.IdempotencyKey;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.QueryParams;
import dev.baton.server.route.Requests;
import dev.baton.server.route.TraceHeaders;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The native REST API under {@code /api/v1}: jobs, blueprints, workers and health, in the shapes of
 * {@link Views}. A job, its history and the worker list share their paths with Avtomatika's client
 * API under {@code /api/v1}; their shapes serve both kinds of client (a job carries the native and
 * Avtomatika's field names). Cancel, under the same path, is served by {@link AvtomatikaRoutes}.
 */
public final class NativeRoutes {
  static final String BASE = "/api/v1";
  static final int DEFAULT_LIMIT = 50;

  private final Engine engine;
  private final Requests requests;
  private final JobViews jobs;
  private final @Nullable ClientAccess quotas;

  /**
   * @param quotas the client tokens and quotas, or null in open mode
   */
  private final JobDedup dedup;

  public NativeRoutes(
      Engine engine,
      Requests requests,
      ProgressBoard progress,
      ApprovalLinks links,
      @Nullable ClientAccess quotas,
      Duration dedupWindow,
      @Nullable JobKeys dedupKeys) {
    this.engine = engine;
    this.requests = requests;
    this.jobs = new JobViews(engine, progress, links);
    this.quotas = quotas;
    this.dedup = new JobDedup(dedupWindow, dedupKeys, engine.clock());
  }

  public void register(RoutesConfig routes) {
    routes.post(BASE + "/jobs", this::createJob);
    new BulkJobRoutes(engine, requests, jobs, quotas).register(routes);
    routes.get(BASE + "/jobs", this::listJobs);
    routes.get(BASE + "/jobs/{id}", ctx -> ctx.json(view(jobs.require(ctx.pathParam("id")))));
    routes.get(BASE + "/jobs/{id}/history", this::history);
    routes.get(
        BASE + "/jobs/{id}/tasks",
        ctx -> ctx.json(engine.tasks(ctx.pathParam("id")).stream().map(Views::task).toList()));
    routes.post(BASE + "/jobs/{id}/resume", this::resume);
    routes.post(BASE + "/jobs/{id}/decision", this::decide);
    routes.get(BASE + "/blueprints", this::blueprints);
    routes.get(BASE + "/blueprints/{name}", this::blueprint);
    routes.get(BASE + "/workers", this::workers);
  }

  private void history(Context ctx) {
    Job job = jobs.require(ctx.pathParam("id"));
    ctx.json(engine.history(job.id()).stream().map(Views::transition).toList());
  }

  private void createJob(Context ctx) {
    JsonBody body =
        requests.object(ctx, false).onlyFields(Set.of("blueprint", "version", "input", "priority"));
    String blueprint = body.requiredString("blueprint");
    Integer version = body.integer("version", 1, Integer.MAX_VALUE);
    Map<String, Object> input = body.object("input").fields();
    Integer priority = body.integer("priority", Integer.MIN_VALUE, Integer.MAX_VALUE);
    JobAttributes attributes =
        JobAttributes.NONE
            .withClient(AvtomatikaRoutes.client(ctx).asJobAttribute())
            .withTracingContext(TraceHeaders.of(ctx));
    NewJob request =
        new NewJob(blueprint, version, input, priority == null ? 0 : priority, attributes);
    String key = IdempotencyKey.of(ctx);
    String client = AvtomatikaRoutes.client(ctx).name();
    if (key == null) {
      Job job = dedup.create(ctx, client, request, () -> engine.createJob(request), Job::id);
      ctx.status(201).header("Location", BASE + "/jobs/" + job.id()).json(view(job));
      return;
    }
    String id = IdempotencyKey.jobId(client, key);
    // A repeat of a created job is its replay, not a duplicate.
    Engine.Created made =
        engine.job(id).isPresent()
            ? engine.createJobOnce(id, request)
            : dedup.create(
                ctx, client, request, () -> engine.createJobOnce(id, request), c -> c.job().id());
    IdempotencyKey.checkSameBlueprint(key, id, made.job().blueprint(), blueprint);
    if (!made.created()) {
      ctx.header(IdempotencyKey.REPLAYED_HEADER, "true");
    }
    ctx.status(made.created() ? 201 : 200)
        .header("Location", BASE + "/jobs/" + id)
        .json(view(made.job()));
  }

  private void listJobs(Context ctx) {
    String statusName = blankToNull(ctx.queryParam("status"));
    JobStatus status = null;
    if (statusName != null) {
      try {
        status = JobStatus.fromWire(statusName);
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("query parameter 'status': " + e.getMessage());
      }
    }
    int limit = intParam(ctx, "limit", DEFAULT_LIMIT, 1, JobQuery.MAX_LIMIT);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    Page<Job> page =
        ClientJobs.page(
            engine,
            AvtomatikaRoutes.client(ctx),
            new JobQuery(status, blankToNull(ctx.queryParam("blueprint")), limit, offset));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", page.items().stream().map(this::view).toList());
    out.put("total", page.total());
    out.put("limit", limit);
    out.put("offset", offset);
    ctx.json(out);
  }

  private void resume(Context ctx) {
    JsonBody body = requests.object(ctx, true).onlyFields(Set.of("data", "initial_data"));
    Map<String, Object> data = body.object("data").fields();
    Map<String, Object> input = body.object("initial_data").fields();
    ctx.json(view(engine.resume(ctx.pathParam("id"), data, input)));
  }

  private void decide(Context ctx) {
    JsonBody body = requests.object(ctx, false).onlyFields(Set.of("decision"));
    String decision = body.requiredString("decision");
    ctx.json(view(engine.decide(ctx.pathParam("id"), decision)));
  }

  private void blueprints(Context ctx) {
    List<Blueprint> all = engine.blueprints();
    ctx.json(all.stream().map(b -> Views.blueprint(b, all)).toList());
  }

  private void blueprint(Context ctx) {
    String name = ctx.pathParam("name");
    Blueprint b =
        engine.blueprint(name).orElseThrow(() -> ApiError.notFound("Blueprint not found: " + name));
    ctx.json(Views.blueprint(b, engine.blueprints()));
  }

  private void workers(Context ctx) {
    Instant now = engine.clock().instant();
    List<Map<String, @Nullable Object>> out =
        engine.workers().stream().map(w -> Views.worker(w, now)).toList();
    ctx.json(out);
  }

  private Map<String, @Nullable Object> view(Job job) {
    return jobs.view(job);
  }

  /** An integer query parameter within bounds, or a 400 that names it and the bounds. */
  public static int intParam(Context ctx, String name, int fallback, int min, int max) {
    return QueryParams.integer(ctx, name, fallback, min, max);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
