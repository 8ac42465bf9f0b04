package dev.baton.server.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.Task;
import dev.baton.job.TaskStatus;
import dev.baton.job.Wait;
import dev.baton.server.Client;
import dev.baton.server.ClientJobs;
import dev.baton.server.ServerOptions;
import dev.baton.server.WebSocketChannel;
import dev.baton.server.WebhookTargetCheck;
import dev.baton.server.WorkerTokensReload;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.IdempotencyKey;
import dev.baton.server.route.Json;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.Requests;
import dev.baton.server.route.TraceHeaders;
import dev.baton.worker.Worker;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Avtomatika 1.0b7's client API. Each blueprint with an {@code api_endpoint} creates jobs at {@code
 * POST /api[/<api_version>]<api_endpoint>}, found when the request arrives ({@link
 * BlueprintEndpoints}), and the common routes (job, cancel, history, list, graph, workers,
 * dashboard, reload-workers) exist under every mount: {@code /api}, {@code /api/v1} and {@code
 * /api/<v>} for each version a registered blueprint declares.
 *
 * <p>Under {@code /api/v1} the native API has the same paths for a job, its history, the job list
 * and the workers; {@link NativeRoutes} serves those with one shape for both kinds of client, and
 * this class serves cancel there, so that cancel answers the same on every mount.
 */
public final class AvtomatikaRoutes {
  private static final Logger log = LoggerFactory.getLogger(AvtomatikaRoutes.class);
  static final int DEFAULT_LIST_LIMIT = 100;

  private final Engine engine;
  private final @Nullable WorkerTokensReload reload;
  private final WebSocketChannel channel;
  private final Requests requests;
  private final JobViews jobs;
  private final WebhookTargetCheck webhookTargets;

  private final JobDedup dedup;

  public AvtomatikaRoutes(
      Engine engine,
      ServerOptions options,
      WebSocketChannel channel,
      Requests requests,
      ProgressBoard progress) {
    this.engine = engine;
    this.reload = options.workerTokensReload();
    this.channel = channel;
    this.requests = requests;
    this.jobs = new JobViews(engine, progress, options.approvalLinks());
    this.webhookTargets = options.webhookTargets();
    this.dedup = new JobDedup(options.jobDedupWindow(), options.jobKeys(), engine.clock());
  }

  public void register(RoutesConfig routes) {
    // /api/v1: the routes the native API does not already serve with the shared shape.
    routes.post(NativeRoutes.BASE + "/jobs/{id}/cancel", this::cancel);
    routes.get(NativeRoutes.BASE + "/blueprints/{name}/graph", this::graph);
    routes.get(NativeRoutes.BASE + "/dashboard", this::dashboard);
    routes.post(NativeRoutes.BASE + "/admin/reload-workers", this::reloadWorkers);
    mount(routes, "/api", h -> h);
    mount(routes, "/api/{api_version}", this::versioned);
    // Last, so that every other POST under /api is matched first.
    routes.post("/api/<endpoint>", this::createJob);
    reportConflicts();
  }

  private void mount(RoutesConfig routes, String base, UnaryOperator<Handler> h) {
    routes.get(base + "/jobs/{id}", h.apply(this::job));
    routes.post(base + "/jobs/{id}/cancel", h.apply(this::cancel));
    routes.get(base + "/jobs/{id}/history", h.apply(this::history));
    routes.get(base + "/jobs", h.apply(this::listJobs));
    routes.get(base + "/blueprints/{name}/graph", h.apply(this::graph));
    routes.get(base + "/workers", h.apply(this::workers));
    routes.get(base + "/dashboard", h.apply(this::dashboard));
    routes.post(base + "/admin/reload-workers", h.apply(this::reloadWorkers));
  }

  /** {@code /api/<v>/...} exists only for a version some registered blueprint declares. */
  private Handler versioned(Handler handler) {
    return ctx -> {
      String version = ctx.pathParam("api_version");
      if (!BlueprintEndpoints.versions(engine.blueprints()).contains(version)) {
        throw ApiError.notFound(
            "Endpoint " + ctx.method().name() + " " + ctx.path() + " not found");
      }
      handler.handle(ctx);
    };
  }

  private void reportConflicts() {
    List<Blueprint> all = engine.blueprints();
    for (Blueprint b : all) {
      String problem = BlueprintEndpoints.problem(b, all);
      if (problem != null) {
        log.warn("blueprint '{}': {}", b.name(), problem);
      }
    }
  }

  // ---- create

  /**
   * {@code {"initial_data":{…},"webhook_url":"…"}}; a non-empty body with neither key is the
   * initial data itself; an empty body is {@code {}}.
   */
  private void createJob(Context ctx) {
    String path = ctx.path();
    Blueprint bp =
        BlueprintEndpoints.find(path, engine.blueprints())
            .orElseThrow(() -> ApiError.notFound("Endpoint POST " + path + " not found"));
    byte[] bytes = requests.body(ctx);
    Map<String, Object> body = Map.of();
    if (!Requests.isBlank(bytes)) {
      Map<String, Object> parsed;
      try {
        parsed = Json.asObject(Json.parseRequest(bytes));
      } catch (JacksonException e) {
        parsed = null;
      }
      if (parsed == null) {
        throw ApiError.badRequest("Invalid JSON body");
      }
      body = parsed;
    }
    JsonBody fields = new JsonBody("", body);
    Map<String, Object> initialData;
    if (!body.containsKey("initial_data") && !body.containsKey("webhook_url")) {
      initialData = body;
    } else {
      initialData = fields.object("initial_data").fields();
    }
    String webhook = fields.string("webhook_url");
    JobAttributes attributes =
        JobAttributes.NONE
            .withClient(client(ctx).asJobAttribute())
            .withTracingContext(TraceHeaders.of(ctx));
    if (webhook != null && !webhook.isEmpty()) {
      attributes = attributes.withWebhookUrl(checkedWebhook(webhook));
    }
    NewJob request = new NewJob(bp.name(), bp.version(), initialData, 0, attributes);
    String key = IdempotencyKey.of(ctx);
    Job job;
    int status = 202;
    String clientName = client(ctx).name();
    if (key == null) {
      job = dedup.create(ctx, clientName, request, () -> engine.createJob(request), Job::id);
    } else {
      String id = IdempotencyKey.jobId(clientName, key);
      // A repeat of a created job is its replay, not a duplicate.
      Engine.Created made =
          engine.job(id).isPresent()
              ? engine.createJobOnce(id, request)
              : dedup.create(
                  ctx,
                  clientName,
                  request,
                  () -> engine.createJobOnce(id, request),
                  c -> c.job().id());
      IdempotencyKey.checkSameBlueprint(key, id, made.job().blueprint(), bp.name());
      job = made.job();
      if (!made.created()) {
        status = 200;
        ctx.header(IdempotencyKey.REPLAYED_HEADER, "true");
      }
    }
    String version = bp.apiVersion();
    String mount = version == null || version.isBlank() ? "/api" : "/api/" + version;
    ctx.status(status)
        .header("Location", mount + "/jobs/" + job.id())
        .json(Map.of("status", "accepted", "job_id", job.id()));
  }

  /** The client the access gate admitted, or {@link Client#ANONYMOUS} when it is not active. */
  static Client client(Context ctx) {
    Object c = ctx.attribute(Client.ATTRIBUTE);
    return c instanceof Client client ? client : Client.ANONYMOUS;
  }

  private String checkedWebhook(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        String refused = webhookTargets.refusal(uri);
        if (refused != null) {
          throw ApiError.badRequest("field 'webhook_url' is refused: " + refused);
        }
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw ApiError.badRequest(
        "field 'webhook_url' must be an http or https URL, was '" + url + "'");
  }

  // ---- common routes

  private void job(Context ctx) {
    ctx.json(jobs.view(jobs.require(ctx.pathParam("id"))));
  }

  private void history(Context ctx) {
    Job job = jobs.require(ctx.pathParam("id"));
    ctx.json(engine.history(job.id()).stream().map(Views::transition).toList());
  }

  /** Avtomatika's list: a JSON array, newest first; {@code limit} defaults to 100. */
  private void listJobs(Context ctx) {
    int limit = lenientInt(ctx, "limit", DEFAULT_LIST_LIMIT);
    int offset = lenientInt(ctx, "offset", 0);
    if (limit <= 0) {
      ctx.json(List.of());
      return;
    }
    JobQuery query = JobQuery.all(Math.min(limit, JobQuery.MAX_LIMIT), Math.max(offset, 0));
    ctx.json(ClientJobs.page(engine, client(ctx), query).items().stream().map(jobs::view).toList());
  }

  /** Any integer is taken (out of range: clamped); anything else is Avtomatika's 400. */
  static int lenientInt(Context ctx, String name, int fallback) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return fallback;
    }
    try {
      long v = Long.parseLong(raw.trim());
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("Invalid limit/offset parameter");
    }
  }

  /**
   * Cancels a job that has not ended. Avtomatika cancels only a job waiting for a worker, and only
   * asks the worker to stop; Baton cancels the job at once, in any status that has not ended, and
   * says what became of the worker's task:
   *
   * <ul>
   *   <li>{@code cancellation_request_sent}: the job waited for a worker, and the worker holding
   *       the task has a WebSocket open, so it was sent {@code cancel_task};
   *   <li>{@code cancellation_request_accepted}: the job waited for a worker, but no worker could
   *       be told now (the task was not taken yet, or its worker has no WebSocket); a result sent
   *       later is refused with 409;
   *   <li>{@code cancelled}: the job waited for something else (a person, branches, a sub-job, a
   *       retry); workers holding its branch tasks are told over their WebSockets.
   * </ul>
   *
   * The answer also carries the cancelled job. A job that has ended is a 409.
   */
  private void cancel(Context ctx) {
    requests.object(ctx, true).onlyFields(Set.of());
    Job job = jobs.require(ctx.pathParam("id"));
    String outcome = "cancelled";
    if (job.status() == JobStatus.WAITING_FOR_WORKER && job.awaiting() instanceof Wait.OnTask t) {
      Task task = engine.task(t.taskId()).orElse(null);
      String worker = task != null && task.status() == TaskStatus.LEASED ? task.workerId() : null;
      outcome =
          worker != null && channel.isConnected(worker)
              ? "cancellation_request_sent"
              : "cancellation_request_accepted";
    }
    Job cancelled = engine.cancel(job.id());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", outcome);
    out.put("job_id", cancelled.id());
    out.put("job", jobs.view(cancelled));
    ctx.json(out);
  }

  private void graph(Context ctx) {
    Blueprint b =
        engine
            .blueprint(ctx.pathParam("name"))
            .orElseThrow(() -> ApiError.notFound("Blueprint not found"));
    ctx.contentType("text/vnd.graphviz; charset=utf-8").result(BlueprintGraph.dot(b));
  }

  /**
   * Avtomatika's {@code GET /workers}: the workers that are alive, as they described themselves.
   */
  private void workers(Context ctx) {
    Instant now = engine.clock().instant();
    ctx.json(
        engine.workers().stream()
            .filter(w -> w.isAlive(now))
            .map(w -> Views.worker(w, now))
            .toList());
  }

  /**
   * {@code {"workers":{"total":alive,"registered":all},"jobs":{"queued":n,"<status>":n,…}}}: {@code
   * queued} counts jobs waiting for a worker or for a retry; every status is listed, zeros too.
   */
  private void dashboard(Context ctx) {
    Instant now = engine.clock().instant();
    List<Worker> all = engine.workers();
    Map<String, Object> workers = new LinkedHashMap<>();
    workers.put("total", all.stream().filter(w -> w.isAlive(now)).count());
    workers.put("registered", all.size());
    Map<JobStatus, Long> counts = engine.countJobs();
    Map<String, Object> jobCounts = new LinkedHashMap<>();
    jobCounts.put(
        "queued",
        counts.getOrDefault(JobStatus.WAITING_FOR_WORKER, 0L)
            + counts.getOrDefault(JobStatus.AWAITING_RETRY, 0L));
    long total = 0;
    for (JobStatus s : JobStatus.values()) {
      long n = counts.getOrDefault(s, 0L);
      jobCounts.put(s.wireName(), n);
      total += n;
    }
    jobCounts.put("total", total);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workers", workers);
    out.put("jobs", jobCounts);
    ctx.json(out);
  }

  private void reloadWorkers(Context ctx) {
    WorkerTokensReload r = reload;
    if (r == null) {
      throw ApiError.badRequest("WORKERS_CONFIG_PATH is not set, cannot reload configs.");
    }
    int loaded;
    try {
      loaded = r.reload();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      throw ApiError.badRequest(message == null ? "the workers file is malformed" : message);
    }
    log.info("reloaded {} worker tokens", loaded);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "worker_configs_reloaded");
    out.put("workers", loaded);
    ctx.json(out);
  }
}
