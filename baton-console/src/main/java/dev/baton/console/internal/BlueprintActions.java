package dev.baton.console.internal;

import dev.baton.blueprint.Blueprint;
import dev.baton.blueprint.Compatibility;
import dev.baton.console.BlueprintShelf;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionContent;
import dev.baton.definition.DefinitionKind;
import dev.baton.definition.DefinitionStatus;
import dev.baton.definition.DefinitionStore;
import dev.baton.definition.NewDefinition;
import dev.baton.engine.BatonException;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an operator does to stored blueprints from the console, as the API's routes do it (the same
 * checks, the same store, operators only): push a document as a new draft ({@code POST
 * /console/blueprints}, or {@code .../{name}/push}, where it must name that blueprint), publish a
 * version ({@code require=compatible}: only if the jobs on the latest published version could move
 * to it as they are) and archive one. Each is recorded as {@code admin.blueprint_<verb>}; a
 * document that does not load is answered 400 with its problems, nothing stored.
 */
final class BlueprintActions {
  private final BlueprintShelf shelf;
  private final BlueprintPages tree;
  private final BlueprintPage page;
  private final Access access;
  private final Audit audit;
  private final Clock clock;

  BlueprintActions(
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
    routes.post(
        "/console/blueprints/{name}/versions/{version}/publish",
        ctx -> move(ctx, DefinitionStatus.PUBLISHED));
    routes.post(
        "/console/blueprints/{name}/versions/{version}/archive",
        ctx -> move(ctx, DefinitionStatus.ARCHIVED));
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
                "Not stored: the document was refused.", problems, text, null);
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
    redirect(ctx, d, saved.created() ? "pushed" : "unchanged");
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

  private void move(Context ctx, DefinitionStatus to) {
    Optional<Session> changer =
        access.changer(ctx, Role.OPERATOR, BlueprintPages.TITLE, BlueprintPages.ACTIVE);
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String name = ctx.pathParam("name");
    Integer version = BlueprintPage.number(ctx.pathParam("version"));
    List<Definition> versions = page.versions(name);
    Definition d =
        versions.stream()
            .filter(v -> version != null && v.version() == version)
            .findFirst()
            .orElse(null);
    if (d == null) {
      String what = "No stored blueprint '" + name + "' version " + ctx.pathParam("version") + ".";
      access.refuse(ctx, access.frame(s, BlueprintPages.TITLE, BlueprintPages.ACTIVE), 404, what);
      return;
    }
    boolean require =
        to == DefinitionStatus.PUBLISHED && "compatible".equals(ctx.formParam("require"));
    try {
      if (require && refusedAsIncompatible(ctx, s, versions, d)) {
        return;
      }
      shelf.move(name, d.version(), to, s.client().name());
    } catch (BatonException e) {
      page.show(
          ctx,
          s,
          name,
          d.version(),
          409,
          BlueprintPage.Outcome.notice("Not done: " + e.getMessage()));
      return;
    }
    String verb = to == DefinitionStatus.PUBLISHED ? "publish" : "archive";
    audit.record(
        "blueprint_" + verb,
        s,
        null,
        Map.of(
            "blueprint",
            name,
            "version",
            d.version(),
            "content_hash",
            d.contentHash(),
            "require_compatible",
            require));
    redirect(ctx, d, to == DefinitionStatus.PUBLISHED ? "published" : "archived");
  }

  /**
   * As the API's {@code require=compatible}: refused (409, with the check's report) unless the jobs
   * on the latest published version could move to {@code d} as they are; nothing to check when no
   * other version is published.
   */
  private boolean refusedAsIncompatible(
      Context ctx, Session s, List<Definition> versions, Definition d) {
    int live = BlueprintPages.published(versions);
    if (live == 0 || live == d.version()) {
      return false;
    }
    Definition against =
        versions.stream().filter(v -> v.version() == live).findFirst().orElseThrow();
    Compatibility.Report report = shelf.check(against, d);
    if (report.verdict() == Compatibility.Verdict.COMPATIBLE) {
      return false;
    }
    String notice =
        "Not published: the change from version "
            + live
            + " is "
            + report.verdict().wireName().replace('_', ' ')
            + ", and \"require compatible\" was ticked.";
    page.show(
        ctx,
        s,
        d.name(),
        d.version(),
        409,
        new BlueprintPage.Outcome(notice, List.of(), null, report));
    return true;
  }

  private static void redirect(Context ctx, Definition d, String done) {
    // Post, redirect, get: a reload does not do it again.
    ctx.redirect(
        "/console/blueprints/"
            + URLEncoder.encode(d.name(), StandardCharsets.UTF_8)
            + "?version="
            + d.version()
            + "&done="
            + done,
        HttpStatus.SEE_OTHER);
  }

  private static String form(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v;
  }
}
