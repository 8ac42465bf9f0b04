package dev.baton.server.internal;

import dev.baton.engine.Engine;
import dev.baton.engine.NewJob;
import dev.baton.job.Job;
import dev.baton.job.JobAttributes;
import dev.baton.server.Client;
import dev.baton.server.ClientAccess;
import dev.baton.server.access.TokenClients;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.Requests;
import dev.baton.server.route.TraceHeaders;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/jobs/batch}: many jobs in one request and one transaction, each shaped as for
 * {@code POST /api/v1/jobs}. Every entry is checked before anything is written, so a bad entry (a
 * 400 naming it, {@code jobs[3].blueprint}) or an unknown blueprint (404) creates none of them.
 *
 * <p>Each job counts one attempt of a client's monthly quota: the access gate counted the request's
 * one, and the rest are used all at once before anything is written, so a batch that does not fit
 * in what is left is a 429 that creates nothing and uses nothing more.
 */
final class BulkJobRoutes {
  /** Bounds the size of one transaction (and of one answer). */
  static final int MAX_JOBS = 1000;

  private static final Set<String> FIELDS = Set.of("blueprint", "version", "input", "priority");

  private final Engine engine;
  private final Requests requests;
  private final JobViews views;
  private final @Nullable ClientAccess quotas;

  BulkJobRoutes(Engine engine, Requests requests, JobViews views, @Nullable ClientAccess quotas) {
    this.engine = engine;
    this.requests = requests;
    this.views = views;
    this.quotas = quotas;
  }

  void register(RoutesConfig routes) {
    routes.post(NativeRoutes.BASE + "/jobs/batch", this::createJobs);
  }

  private void createJobs(Context ctx) {
    JsonBody body = requests.object(ctx, false).onlyFields(Set.of("jobs"));
    if (!(body.raw("jobs") instanceof List<?> entries) || entries.isEmpty()) {
      throw ApiError.badRequest("field 'jobs' is required: a non-empty array of jobs to create");
    }
    if (entries.size() > MAX_JOBS) {
      throw ApiError.badRequest(
          "field 'jobs' holds " + entries.size() + " jobs; at most " + MAX_JOBS + " per request");
    }
    JobAttributes attributes =
        JobAttributes.NONE
            .withClient(AvtomatikaRoutes.client(ctx).asJobAttribute())
            .withTracingContext(TraceHeaders.of(ctx));
    List<NewJob> jobs = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> fields = Json.asObject(entries.get(i));
      if (fields == null) {
        throw ApiError.badRequest("field 'jobs[" + i + "]' must be a JSON object");
      }
      JsonBody entry = new JsonBody("jobs[" + i + "].", fields).onlyFields(FIELDS);
      String blueprint = entry.requiredString("blueprint");
      Integer version = entry.integer("version", 1, Integer.MAX_VALUE);
      Map<String, Object> input = entry.object("input").fields();
      Integer priority = entry.integer("priority", Integer.MIN_VALUE, Integer.MAX_VALUE);
      requireRegistered(i, blueprint, version);
      jobs.add(new NewJob(blueprint, version, input, priority == null ? 0 : priority, attributes));
    }
    Client client = AvtomatikaRoutes.client(ctx);
    if (quotas != null && !quotas.consume(client, jobs.size() - 1L)) {
      throw new ApiError(
          429,
          TokenClients.NO_QUOTA
              + ": a batch of "
              + jobs.size()
              + " jobs counts "
              + jobs.size()
              + " attempts, more than client '"
              + client.name()
              + "' has left this month");
    }
    List<Job> created = engine.createJobs(jobs);
    ctx.status(201).json(Map.of("jobs", created.stream().map(views::view).toList()));
  }

  /** Names the entry, which the engine's own refusal (for the whole batch) cannot. */
  private void requireRegistered(int i, String blueprint, @Nullable Integer version) {
    boolean known =
        version == null
            ? engine.blueprint(blueprint).isPresent()
            : engine.blueprint(blueprint, version).isPresent();
    if (!known) {
      throw ApiError.notFound(
          "field 'jobs["
              + i
              + "].blueprint': blueprint '"
              + blueprint
              + "' "
              + (version == null ? "is not registered" : "has no version " + version));
    }
  }
}
