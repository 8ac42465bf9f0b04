package dev.baton.server.internal;

import dev.baton.engine.Engine;
import dev.baton.job.Job;
import dev.baton.job.JobQuery;
import dev.baton.job.JobStatus;
import dev.baton.job.Wait;
import dev.baton.server.access.ApprovalLinks;
import dev.baton.server.metrics.HttpMeters;
import dev.baton.server.metrics.Meters;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Avtomatika's public routes under {@code /_public}, which need no client token: status, metrics,
 * the generated docs page, the quarantined jobs (without their data), and the approval webhook
 * (with the approval's signed token). Also counts every answered request for the metrics.
 *
 * <p>{@code POST /_public/debug/flush_db} is answered 403: upstream wipes its whole store on an
 * unauthenticated request, which must never exist on a server that keeps accepted jobs durable.
 */
public final class PublicRoutes {
  static final String BASE = "/_public";

  private final Engine engine;
  private final JobViews jobs;
  private final Meters meters;
  private final HttpMeters http;
  private final ApprovalLinks links;

  /**
   * What the public list of quarantined jobs leaves out: the job's data, its client and where it
   * reports, which only a client of the API may read ({@code GET /api/v1/jobs?status=quarantined}).
   */
  static final Set<String> PRIVATE_FIELDS =
      Set.of(
          "initial_data",
          "state_history",
          "aggregation_results",
          "current_task_info",
          "client_config",
          "tracing_context",
          "webhook_url");

  public PublicRoutes(Engine engine, Meters meters, ApprovalLinks links) {
    this.engine = engine;
    this.meters = meters;
    this.links = links;
    this.http = new HttpMeters(meters.registry());
    // Quarantined jobs have ended, so they have no live progress to show.
    this.jobs = new JobViews(engine, new ProgressBoard(), links);
  }

  public void register(RoutesConfig routes) {
    routes.before(http::start);
    routes.after(http::record);
    routes.get(
        BASE + "/metrics", ctx -> ctx.contentType(Meters.CONTENT_TYPE).result(meters.scrape()));
    routes.get(
        BASE + "/docs",
        ctx ->
            ctx.contentType("text/html; charset=utf-8")
                .result(DocsPage.render(engine.blueprints())));
    routes.get(BASE + "/jobs/quarantined", this::quarantined);
    routes.post(BASE + "/webhooks/approval/{job_id}", this::approval);
    routes.post(
        BASE + "/debug/flush_db",
        ctx -> {
          throw ApiError.forbidden(
              "flush_db is disabled: Baton never wipes its store over HTTP. Stop the server and"
                  + " delete the database (or drop the PostgreSQL schema) to start afresh.");
        });
  }

  /** Every quarantined job, newest first ({@code ?limit=&offset=}, at most 1000 at a time). */
  private void quarantined(Context ctx) {
    int limit = AvtomatikaRoutes.lenientInt(ctx, "limit", JobQuery.MAX_LIMIT);
    int offset = AvtomatikaRoutes.lenientInt(ctx, "offset", 0);
    if (limit <= 0) {
      ctx.json(List.of());
      return;
    }
    JobQuery query =
        new JobQuery(
            JobStatus.QUARANTINED, null, Math.min(limit, JobQuery.MAX_LIMIT), Math.max(offset, 0));
    ctx.json(engine.jobs(query).items().stream().map(this::publicView).toList());
  }

  private Map<String, @Nullable Object> publicView(Job job) {
    Map<String, @Nullable Object> m = jobs.view(job);
    m.keySet().removeAll(PRIVATE_FIELDS);
    return m;
  }

  /**
   * {@code {"decision":"<key>"}} for a job waiting for a person, with the link's {@code ?token=}
   * ({@link ApprovalLinks}): the job moves to the state the decision names. Errors and their order
   * are Avtomatika's, with two more: a job that is not waiting for a person is 409 (upstream also
   * "decides" a job waiting for a worker), and a missing or wrong token is 403.
   */
  private void approval(Context ctx) {
    String jobId = ctx.pathParam("job_id");
    Map<String, Object> body;
    try {
      body = Json.asObject(Json.parseRequest(ctx.bodyAsBytes()));
    } catch (JacksonException e) {
      throw ApiError.badRequest("Invalid JSON body");
    }
    if (body == null) {
      throw ApiError.badRequest("Invalid JSON body");
    }
    if (!(body.get("decision") instanceof String decision) || decision.isEmpty()) {
      throw ApiError.badRequest("decision is required in body");
    }
    Job job = jobs.require(jobId);
    if (job.status() != JobStatus.WAITING_FOR_HUMAN || !(job.awaiting() instanceof Wait.OnHuman)) {
      throw new ApiError(409, "Job is not in a state that can be approved");
    }
    if (!links.valid(job, ctx.queryParam("token"))) {
      throw ApiError.forbidden(
          "Forbidden: the approval link's token is missing or not the one of this job's current"
              + " approval; take the link from the job's waiting_for.approval_url");
    }
    Wait wait = job.awaiting();
    if (wait == null || !wait.transitions().containsKey(decision)) {
      throw ApiError.badRequest("Invalid decision '" + decision + "' for this job");
    }
    engine.decide(jobId, decision);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "approval_received");
    out.put("job_id", jobId);
    ctx.json(out);
  }
}
