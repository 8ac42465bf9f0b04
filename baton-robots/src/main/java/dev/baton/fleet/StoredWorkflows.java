package dev.baton.fleet;

import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.engine.BatonException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The CasareRPA workflows of the definition store ({@code /api/v1/workflows}: kind {@code
 * workflow}, the {@code workflow_id} is the definition's name), as the fleet sends and deploys
 * them. A workflow whose content says {@code "deployed_only": true} runs only on robots that have
 * its version deployed.
 */
public final class StoredWorkflows {
  /** No definition store: robot jobs carry their own {@code workflow_json}. */
  public static final StoredWorkflows NONE = new StoredWorkflows(null, json -> false);

  private final @Nullable DefinitionStore store;
  private final Predicate<String> asksDeployed;

  /**
   * @param asksDeployed whether a workflow's content (JSON text) says {@code "deployed_only":
   *     true}; the transport's side reads JSON ({@code fleet.web.WorkflowFlags}), the fleet does
   *     not
   */
  public StoredWorkflows(@Nullable DefinitionStore store, Predicate<String> asksDeployed) {
    this.store = store;
    this.asksDeployed = asksDeployed;
  }

  /** One stored version, read once. */
  public record Workflow(String id, int version, String title, String json, boolean deployedOnly) {}

  /**
   * The version a new job runs: the latest published one. Empty when no workflow of that id is
   * stored (the job then carries its own content, as before there was a store).
   *
   * @throws BatonException INVALID when the workflow is stored but has no published version
   */
  public Optional<Workflow> forJob(String id) {
    // A blueprint of that name is not a workflow: the job carries its own content, as before.
    if (store == null
        || store.versions(id).stream().noneMatch(d -> d.kind() == DefinitionKind.WORKFLOW)) {
      return Optional.empty();
    }
    Definition d =
        store
            .latestPublished(id)
            .orElseThrow(() ->
                BatonException.invalid(
                    "workflow_id: workflow '"
                        + id
                        + "' has no published version; publish one (POST /api/v1/workflows with"
                        + " status published) or send workflow_json"));
    return Optional.of(read(requireWorkflow(d)));
  }

  /**
   * A version to deploy: the one named, else the latest published, else the newest.
   *
   * @throws BatonException NOT_FOUND for an unknown workflow or version; INVALID for an archived
   *     one
   */
  public Workflow forDeploy(String id, @Nullable Integer version) {
    if (store == null) {
      throw BatonException.notFound("Workflow not found: " + id + " (no definition store)");
    }
    List<Definition> all = store.versions(id);
    Optional<Definition> found =
        version != null
            ? store.definition(id, version)
            : store
                .latestPublished(id)
                .or(() -> all.isEmpty() ? Optional.empty() : Optional.of(all.getLast()));
    Definition d =
        found.orElseThrow(() ->
            BatonException.notFound(
                "Workflow not found: " + id + (version == null ? "" : " version " + version)));
    if (d.status() == DefinitionStatus.ARCHIVED) {
      throw BatonException.invalid(d.describe() + " is archived; publish it before deploying it");
    }
    return read(requireWorkflow(d));
  }

  private static Definition requireWorkflow(Definition d) {
    if (d.kind() != DefinitionKind.WORKFLOW) {
      throw BatonException.notFound(
          "Workflow not found: " + d.name() + " (it is a " + d.kind().wireName() + ")");
    }
    return d;
  }

  private Workflow read(Definition d) {
    String json = d.content().text();
    return new Workflow(d.name(), d.version(), d.title(), json, asksDeployed.test(json));
  }
}
