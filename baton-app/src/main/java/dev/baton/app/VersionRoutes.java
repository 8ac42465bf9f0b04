package dev.baton.app;

import dev.baton.blueprint.Blueprint;
import dev.baton.declarative.BlueprintFiles;
import dev.baton.declarative.Problem;
import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.engine.JobMigration;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.Json;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.Requests;
import dev.baton.server.route.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Blueprint versions over HTTP: {@code POST /api/v1/blueprints/{name}/check} compares a candidate
 * (a registered version, or a document not registered) with the version running jobs are on, and
 * {@code POST /api/v1/blueprints/{name}/migrate} moves running jobs between registered versions, or
 * says what it would do ({@code dry_run}). Operators only (see the route table).
 */
public final class VersionRoutes implements RouteSet {
  static final String BASE = "/api/v1/blueprints/{name}";
  private static final Set<String> CHECK_FIELDS =
      Set.of("against", "version", "candidate", "mapping");

  private final Engine engine;
  private final Requests requests;

  public VersionRoutes(Engine engine, int maxBodyBytes) {
    this.engine = engine;
    this.requests = new Requests(maxBodyBytes);
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(BASE + "/check", this::check);
    routes.post(BASE + "/migrate", this::migrate);
  }

  private void check(Context ctx) {
    String name = ctx.pathParam("name");
    JsonBody body = requests.object(ctx, false).onlyFields(CHECK_FIELDS);
    int against = version(body, "against", true);
    Blueprint candidate = candidate(name, body);
    Map<String, String> mapping = MigrationRequests.mapping(body);
    ctx.json(MigrationViews.report(engine.checkCompatibility(against, candidate, mapping)));
  }

  private void migrate(Context ctx) {
    String name = ctx.pathParam("name");
    JobMigration.Request request = MigrationRequests.migration(name, requests.object(ctx, false));
    ctx.json(MigrationViews.outcome(engine.migrate(request)));
  }

  /** The candidate: a registered version ({@code version}) or a document ({@code candidate}). */
  private Blueprint candidate(String name, JsonBody body) {
    Object doc = body.raw("candidate");
    Integer version = body.integer("version", 1, Integer.MAX_VALUE);
    if ((doc == null) == (version == null)) {
      throw ApiError.badRequest(
          "give the candidate as 'version' (a registered version) or 'candidate' (a blueprint"
              + " document, YAML or JSON), one of the two");
    }
    if (version != null) {
      return engine
          .blueprint(name, version)
          .orElseThrow(
              () -> BatonException.notFound("blueprint '" + name + "' has no version " + version));
    }
    String text = doc instanceof String s ? s : Json.write(doc);
    String fileName = doc instanceof String ? "candidate.yaml" : "candidate.json";
    BlueprintFiles.Loaded loaded = BlueprintFiles.parse(fileName, text);
    if (!loaded.problems().isEmpty()) {
      String problems =
          loaded.problems().stream().map(Problem::toString).collect(Collectors.joining("; "));
      throw new ApiError(422, "field 'candidate': " + problems);
    }
    Blueprint b = loaded.blueprints().get(0);
    if (!b.name().equals(name)) {
      throw new ApiError(
          422, "field 'candidate': names blueprint '" + b.name() + "', not '" + name + "'");
    }
    return b;
  }

  static int version(JsonBody body, String field, boolean required) {
    Integer v = body.integer(field, 1, Integer.MAX_VALUE);
    if (v == null) {
      if (required) {
        throw ApiError.badRequest("field '" + field + "' is required: a version number");
      }
      return 0;
    }
    return v;
  }
}
