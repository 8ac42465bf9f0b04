package dev.baton.app.definition;

import dev.baton.blueprint.Blueprint;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.Requests;
import dev.baton.server.route.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Stored blueprints over HTTP, beside the engine's read-only {@code GET /api/v1/blueprints} (what
 * new jobs start on): push a version (a draft, or published at once), its versions, one version
 * with its content, a diff of two, publish and archive. A pushed document passes the same JSON
 * Schema and checks as a file; a refusal names the place in the document.
 */
public final class BlueprintRoutes implements RouteSet {
  static final String BASE = "/api/v1/blueprints";
  private static final Set<String> YAML_TYPES =
      Set.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");

  private final DefinitionStore store;
  private final StoredBlueprints engine;
  private final Requests requests;
  private final Clock clock;

  public BlueprintRoutes(StoredBlueprints engine, int maxBodyBytes, Clock clock) {
    this.store = engine.store();
    this.engine = engine;
    this.requests = new Requests(maxBodyBytes);
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(BASE, this::push);
    routes.get(BASE + "/{name}/versions", this::versions);
    routes.get(BASE + "/{name}/versions/{version}", this::show);
    routes.get(BASE + "/{name}/diff", this::diff);
    routes.post(
        BASE + "/{name}/versions/{version}/publish", ctx -> move(ctx, DefinitionStatus.PUBLISHED));
    routes.post(
        BASE + "/{name}/versions/{version}/archive", ctx -> move(ctx, DefinitionStatus.ARCHIVED));
    new DefinitionList(store).register(routes);
  }

  private void push(Context ctx) {
    DefinitionContent content = content(ctx);
    BlueprintDocuments.Parsed parsed = BlueprintDocuments.parse("body", content);
    if (!parsed.ok()) {
      List<String> problems = parsed.problems().stream().map(String::valueOf).toList();
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", "the blueprint does not load: " + String.join("; ", problems));
      error.put("problems", problems);
      ctx.status(400).json(error);
      return;
    }
    Blueprint b = parsed.get();
    NewDefinition.Builder d =
        NewDefinition.builder(DefinitionKind.BLUEPRINT, b.name(), content)
            .description(b.description())
            .declaredVersion(b.version())
            .tags(DefinitionRequests.list(ctx.queryParam("tags")))
            .folder(text(ctx, "folder"))
            .title(text(ctx, "title"))
            .skipUnchanged()
            .by(DefinitionRequests.caller(ctx), "api")
            .at(clock.instant());
    boolean publish = DefinitionRequests.flag(ctx, "publish");
    if (publish) {
      d.publish();
    }
    DefinitionStore.Saved saved = store.save(d.build());
    Definition result = saved.definition();
    if (publish && !saved.created() && result.status() != DefinitionStatus.PUBLISHED) {
      // The same content pushed again, now to publish: the version it matched is what goes live.
      result =
          store.move(
              result.name(),
              result.version(),
              DefinitionStatus.PUBLISHED,
              DefinitionRequests.caller(ctx),
              "api",
              clock.instant());
    }
    engine.apply(result);
    Map<String, @Nullable Object> view = DefinitionViews.full(result);
    view.put("created", saved.created());
    ctx.status(saved.created() ? 201 : 200).json(view);
  }

  /** The body as the Content-Type says: JSON or YAML, in UTF-8. */
  private DefinitionContent content(Context ctx) {
    String type = ctx.contentType();
    String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    boolean json = mediaType.equals("application/json");
    if (!json && !YAML_TYPES.contains(mediaType)) {
      throw new ApiError(
          415,
          "a blueprint is sent as application/json or application/yaml (Content-Type), not '"
              + (type == null ? "" : type)
              + "'");
    }
    byte[] body = requests.body(ctx);
    if (Requests.isBlank(body)) {
      throw ApiError.badRequest("the body is empty: send the blueprint document");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("the body is not UTF-8 text");
    }
    return json ? DefinitionContent.json(text) : DefinitionContent.yaml(text);
  }

  private void versions(Context ctx) {
    String name = DefinitionRequests.name(ctx);
    List<Definition> all = store.versions(name);
    if (all.isEmpty()) {
      throw ApiError.notFound("no stored definition '" + name + "'");
    }
    if (all.getFirst().kind() != DefinitionKind.BLUEPRINT) {
      throw ApiError.notFound(
          "'"
              + name
              + "' is a "
              + all.getFirst().kind().wireName()
              + ": see /api/v1/workflows/"
              + name);
    }
    ctx.json(all.stream().map(DefinitionViews::summary).toList());
  }

  private void show(Context ctx) {
    String name = DefinitionRequests.name(ctx);
    ctx.json(DefinitionViews.full(DefinitionRequests.version(ctx, store, name)));
  }

  private void diff(Context ctx) {
    String name = DefinitionRequests.name(ctx);
    Definition from =
        DefinitionRequests.blueprint(store, name, required(ctx, "from"), "query parameter 'from'");
    Definition to =
        DefinitionRequests.blueprint(store, name, required(ctx, "to"), "query parameter 'to'");
    String diff = DefinitionDiff.between(from, to);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("from", from.version());
    out.put("to", to.version());
    out.put("same", diff.isEmpty());
    out.put("diff", diff);
    ctx.json(out);
  }

  private void move(Context ctx, DefinitionStatus to) {
    String name = DefinitionRequests.name(ctx);
    Definition d = DefinitionRequests.version(ctx, store, name);
    Definition moved =
        store.move(name, d.version(), to, DefinitionRequests.caller(ctx), "api", clock.instant());
    engine.apply(moved);
    ctx.json(DefinitionViews.summary(moved));
  }

  private static String required(Context ctx, String param) {
    String v = ctx.queryParam(param);
    if (v == null || v.isBlank()) {
      throw ApiError.badRequest(
          "query parameter '" + param + "' is required: a version number or 'latest'");
    }
    return v.strip();
  }

  private static String text(Context ctx, String param) {
    String v = ctx.queryParam(param);
    return v == null ? "" : v.strip();
  }
}
