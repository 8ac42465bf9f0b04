package dev.baton.console.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.console.BlueprintShelf;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.engine.BatonException;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Pushing a blueprint document from the console as a new draft, as {@code POST /api/v1/blueprints}
 * does (the same JSON Schema and checks, the same store, operators only): {@code POST
 * /console/blueprints} for any blueprint, {@code POST /console/blueprints/{name}/push} from its
 * page, where the document must name that blueprint. A document that does not load is answered 400
 * with its problems and shown again to mend, nothing stored; a stored one is recorded as {@code
 * admin.blueprint_push}.
 */
final class BlueprintDrafts {
  private final BlueprintShelf shelf;
  private final BlueprintPages tree;
  private final BlueprintPage page;
  private final Access access;
  private final Audit audit;
  private final Clock clock;

  BlueprintDrafts(
      BlueprintShelf shelf,
      BlueprintPages tree,
      BlueprintPage page,
      Access access,
      Audit audit,
      Clock clock) {
    this.shelf = shelf;
    this.tree = tree;
    this.page = page;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.post("/console/blueprints", ctx -> push(ctx, null));
    routes.post("/console/blueprints/{name}/push", ctx -> push(ctx, ctx.pathParam("name")));
  }

  /** Stores the document as a draft; {@code expected}: the blueprint it must name, if any. */
  private void push(Context ctx, @Nullable String expected) {
    Optional<Session> changer =
        access.changer(ctx, Role.OPERATOR, BlueprintPages.TITLE, BlueprintPages.ACTIVE);
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String text = form(ctx, "document");
    List<String> problems = List.of();
    DefinitionStore.Saved saved = null;
    if (text.isBlank()) {
      problems = List.of("The document is empty: paste a blueprint in YAML or JSON.");
    } else {
      // JSON is told by its first character, as a person pastes it; anything else is YAML.
      DefinitionContent content =
          text.strip().startsWith("{")
              ? DefinitionContent.json(text)
              : DefinitionContent.yaml(text);
      BlueprintShelf.Reading reading = shelf.read(content);
      Blueprint b = reading.blueprint();
      if (b == null || !reading.problems().isEmpty()) {
        problems = reading.problems();
      } else if (expected != null && !b.name().equals(expected)) {
        problems =
            List.of(
                "The document names blueprint '"
                    + b.name()
                    + "', not '"
                    + expected
                    + "': change its name, or push it from the Blueprints page.");
      } else {
        try {
          saved = shelf.save(draft(ctx, s, b, content));
        } catch (BatonException e) {
          problems = List.of(String.valueOf(e.getMessage()));
        }
      }
    }
    if (saved == null) {
      if (expected == null) {
        tree.show(ctx, s, 400, problems, text);
      } else {
        BlueprintPage.Outcome o =
            new BlueprintPage.Outcome(
                "Not stored: the document was refused.", problems, text, null, List.of());
        page.show(ctx, s, expected, null, 400, o);
      }
      return;
    }
    Definition d = saved.definition();
    audit.record(
        "blueprint_push",
        s,
        null,
        Map.of(
            "blueprint", d.name(),
            "version", d.version(),
            "content_hash", d.contentHash(),
            "created", saved.created()));
    BlueprintActions.redirect(ctx, d, saved.created() ? "pushed" : "unchanged");
  }

  private NewDefinition draft(Context ctx, Session s, Blueprint b, DefinitionContent content) {
    List<String> tags =
        Arrays.stream(form(ctx, "tags").split(","))
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .toList();
    return NewDefinition.builder(DefinitionKind.BLUEPRINT, b.name(), content)
        .description(b.description())
        .declaredVersion(b.version())
        .tags(tags)
        .folder(form(ctx, "folder").strip())
        .skipUnchanged()
        .by(s.client().name(), "console")
        .at(clock.instant())
        .build();
  }

  private static String form(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v;
  }
}
