package dev.baton.app.definition;

import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionQuery;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.server.route.ApiError;
import dev.baton.server.route.JsonBody;
import dev.baton.server.route.Requests;
import dev.baton.server.route.RouteSet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * CasareRPA's workflows ({@code OrchestratorService}'s save, load, list by tag, delete) on the
 * definition store, kind {@code workflow}: a workflow's {@code workflow_id} is its definition name,
 * and its {@code content} is opaque JSON that robots run, stored with its keys sorted so that
 * saving the same workflow again makes no new version. Every save is a new version; delete archives
 * every version (they are kept, and jobs on them finish), so a saved workflow is never lost.
 */
public final class WorkflowRoutes implements RouteSet {
  static final String BASE = "/api/v1/workflows";
  private static final Set<String> FIELDS =
      Set.of(
          "workflow_id", "name", "description", "version", "status", "content", "tags", "folder");
  private static final JsonMapper CANONICAL =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  private final DefinitionStore store;
  private final Requests requests;
  private final Clock clock;

  public WorkflowRoutes(DefinitionStore store, int maxBodyBytes, Clock clock) {
    this.store = store;
    this.requests = new Requests(maxBodyBytes);
    this.clock = clock;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post(BASE, this::save);
    routes.get(BASE, this::list);
    routes.get(BASE + "/{id}", this::load);
    routes.delete(BASE + "/{id}", this::delete);
  }

  private void save(Context ctx) {
    JsonBody body = requests.object(ctx, false).onlyFields(FIELDS);
    String title = body.string("name");
    String id = body.string("workflow_id");
    if (id == null && title == null) {
      throw ApiError.badRequest("field 'workflow_id' (or 'name') is required");
    }
    String name = NewDefinition.requireName(id != null ? id : title);
    Map<String, Object> content = body.object("content").fields();
    if (body.raw("content") == null) {
      throw ApiError.badRequest("field 'content' is required: the workflow's JSON object");
    }
    DefinitionStatus status = status(body.string("status"));
    Object version = body.raw("version");
    if (version != null && !(version instanceof String) && !(version instanceof Number)) {
      // Recorded by nobody (the store numbers versions), but a wrong type is still a mistake.
      throw ApiError.badRequest("field 'version' must be a string or a number");
    }
    NewDefinition d =
        NewDefinition.builder(
                DefinitionKind.WORKFLOW,
                name,
                DefinitionContent.json(CANONICAL.writeValueAsString(content)))
            .title(title == null ? name : title)
            .description(orEmpty(body.string("description")))
            .tags(tags(body.raw("tags")))
            .folder(orEmpty(body.string("folder")))
            .status(status)
            .skipUnchanged()
            .by(DefinitionRequests.caller(ctx), "api")
            .at(clock.instant())
            .build();
    DefinitionStore.Saved saved = store.save(d);
    ctx.status(saved.created() ? 201 : 200).json(view(saved.definition()));
  }

  private static DefinitionStatus status(@Nullable String raw) {
    if (raw == null || raw.equals("draft")) {
      return DefinitionStatus.DRAFT;
    }
    if (raw.equals("published")) {
      return DefinitionStatus.PUBLISHED;
    }
    throw ApiError.badRequest(
        "field 'status' must be draft or published, was '"
            + raw
            + "' (archive a workflow with DELETE "
            + BASE
            + "/{id})");
  }

  private static List<String> tags(@Nullable Object raw) {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
      throw ApiError.badRequest("field 'tags' must be an array of strings");
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** The newest version of each workflow, archived ones left out unless asked by status. */
  private void list(Context ctx) {
    DefinitionStatus status =
        DefinitionList.choice(ctx, "status", DefinitionStatus::fromWire, DefinitionStatus.values());
    DefinitionQuery q =
        DefinitionQuery.ALL
            .kind(DefinitionKind.WORKFLOW)
            .status(status)
            .tag(DefinitionList.blankToNull(ctx.queryParam("tag")))
            .newestOfEach();
    List<Map<String, @Nullable Object>> out = new ArrayList<>();
    for (Definition d : store.definitions(q)) {
      if (status != null || d.status() != DefinitionStatus.ARCHIVED) {
        out.add(view(d));
      }
    }
    ctx.json(out);
  }

  /** The latest published version, else the newest; {@code ?version=N} for another. */
  private void load(Context ctx) {
    ctx.json(view(find(ctx)));
  }

  private Definition find(Context ctx) {
    String id = NewDefinition.requireName(ctx.pathParam("id"));
    String version = ctx.queryParam("version");
    Optional<Definition> found =
        version != null
            ? store.definition(id, DefinitionRequests.number(version, "query parameter 'version'"))
            : store.latestPublished(id).or(() -> newest(id));
    Definition d = found.orElseThrow(() -> ApiError.notFound("Workflow not found: " + id));
    if (d.kind() != DefinitionKind.WORKFLOW) {
      throw ApiError.notFound(
          "Workflow not found: " + id + " (it is a " + d.kind().wireName() + ")");
    }
    return d;
  }

  private Optional<Definition> newest(String id) {
    List<Definition> all = store.versions(id);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
  }

  private void delete(Context ctx) {
    Definition d = find(ctx);
    List<Integer> archived = new ArrayList<>();
    for (Definition v : store.versions(d.name())) {
      if (v.status() != DefinitionStatus.ARCHIVED) {
        store.move(
            v.name(),
            v.version(),
            DefinitionStatus.ARCHIVED,
            DefinitionRequests.caller(ctx),
            "api",
            clock.instant());
        archived.add(v.version());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workflow_id", d.name());
    out.put("deleted", true);
    out.put("archived_versions", archived);
    ctx.json(out);
  }

  /** CasareRPA's {@code Workflow}, with Baton's version fields beside it. */
  private static Map<String, @Nullable Object> view(Definition d) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("workflow_id", d.name());
    m.put("name", d.title());
    m.put("description", d.description());
    m.put("version", String.valueOf(d.version()));
    m.put("status", d.status().wireName());
    m.put("content", CANONICAL.readValue(d.content().text(), Map.class));
    m.put("tags", d.tags());
    m.put("folder", d.folder());
    m.put("content_hash", d.contentHash());
    m.put("created_by", d.createdBy());
    m.put("created_at", d.createdAt().toString());
    m.put("updated_at", d.updatedAt().toString());
    return m;
  }

  private static String orEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }
}
