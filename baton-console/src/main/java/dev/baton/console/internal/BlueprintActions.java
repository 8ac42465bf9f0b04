package dev.baton.console.internal;

import dev.baton.blueprint.Compatibility;
import dev.baton.console.BlueprintShelf;
import dev.baton.definition.Definition;
import dev.baton.definition.DefinitionStatus;
import dev.baton.engine.BatonException;
import dev.baton.server.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishing and archiving a stored blueprint's version from the console, as the API's routes do it
 * (the same store and check, operators only): {@code POST
 * /console/blueprints/{name}/versions/{version}/publish} ({@code require=compatible}: only if the
 * jobs on the latest published version could move to it as they are, otherwise 409 with the check's
 * report) and {@code .../archive}. Each is recorded as {@code admin.blueprint_publish} or {@code
 * admin.blueprint_archive}. Pushing a draft is {@link BlueprintDrafts}.
 */
final class BlueprintActions {
  private final BlueprintShelf shelf;
  private final BlueprintPage page;
  private final Access access;
  private final Audit audit;

  BlueprintActions(BlueprintShelf shelf, BlueprintPage page, Access access, Audit audit) {
    this.shelf = shelf;
    this.page = page;
    this.access = access;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.post(
        "/console/blueprints/{name}/versions/{version}/publish",
        ctx -> move(ctx, DefinitionStatus.PUBLISHED));
    routes.post(
        "/console/blueprints/{name}/versions/{version}/archive",
        ctx -> move(ctx, DefinitionStatus.ARCHIVED));
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
        new BlueprintPage.Outcome(notice, List.of(), null, report, List.of()));
    return true;
  }

  /** Post, redirect, get: a reload does not do it again. */
  static void redirect(Context ctx, Definition d, String done) {
    ctx.redirect(
        "/console/blueprints/"
            + URLEncoder.encode(d.name(), StandardCharsets.UTF_8)
            + "?version="
            + d.version()
            + "&done="
            + done,
        HttpStatus.SEE_OTHER);
  }
}
