package dev.baton.console.internal;

import dev.baton.engine.BatonException;
import dev.baton.engine.Engine;
import dev.baton.engine.JobMigration;
import dev.baton.server.Role;
import dev.baton.server.route.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /console/blueprints/{name}/migrate} ({@code from}, {@code to}, {@code dry_run}):
 * moves the jobs running on one version of a blueprint to another, as {@code POST
 * /api/v1/blueprints/{name}/migrate} does with no mapping ({@code Engine.migrate}: each job moves
 * at a safe point, in its own transaction, with its {@code job.migrated} ledger entry; a job whose
 * state changed, or whose task a worker holds, stays and says why). Operators only, with the
 * session's CSRF token; recorded as {@code admin.blueprint_migrate} with the counts. The answer is
 * the blueprint's page with every job's result (not a redirect, so the refusals can be read);
 * sending it again moves nothing twice (a moved job is on the target version: skipped).
 */
final class BlueprintMigrate {
  /** Job results listed on the page; the counts cover every job. */
  static final int LISTED = 100;

  private final Engine engine;
  private final BlueprintPage page;
  private final Access access;
  private final Audit audit;

  BlueprintMigrate(Engine engine, BlueprintPage page, Access access, Audit audit) {
    this.engine = engine;
    this.page = page;
    this.access = access;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.post("/console/blueprints/{name}/migrate", this::migrate);
  }

  private void migrate(Context ctx) {
    Optional<Session> changer =
        access.changer(ctx, Role.OPERATOR, BlueprintPages.TITLE, BlueprintPages.ACTIVE);
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String name = ctx.pathParam("name");
    Integer from = BlueprintPage.number(ctx.formParam("from"));
    Integer to = BlueprintPage.number(ctx.formParam("to"));
    if (page.versions(name).isEmpty()) {
      access.refuse(
          ctx,
          access.frame(s, BlueprintPages.TITLE, BlueprintPages.ACTIVE),
          404,
          "No stored blueprint '" + name + "'.");
      return;
    }
    if (from == null || to == null || from.equals(to)) {
      page.show(
          ctx,
          s,
          name,
          null,
          400,
          BlueprintPage.Outcome.notice(
              "Not migrated: give two different versions, from and to (as numbers); were '"
                  + ctx.formParam("from")
                  + "' and '"
                  + ctx.formParam("to")
                  + "'."));
      return;
    }
    boolean dryRun = "on".equals(ctx.formParam("dry_run"));
    JobMigration.Request request = JobMigration.Request.all(name, from, to);
    JobMigration.Outcome outcome;
    try {
      outcome = engine.migrate(dryRun ? request.asDryRun() : request);
    } catch (BatonException e) {
      int status = ApiError.statusOf(e.reason());
      page.show(
          ctx,
          s,
          name,
          null, // the newest version: the one asked for may not be stored
          status == 404 ? 409 : status,
          BlueprintPage.Outcome.notice("Not migrated: " + e.getMessage()));
      return;
    }
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("blueprint", name);
    details.put("from", from);
    details.put("to", to);
    details.put("dry_run", dryRun);
    for (JobMigration.Result r : JobMigration.Result.values()) {
      details.put(r.wireName(), outcome.count(r));
    }
    audit.record("blueprint_migrate", s, null, details);
    page.show(
        ctx,
        s,
        name,
        to,
        200,
        new BlueprintPage.Outcome(
            summary(outcome, from, to), List.of(), null, null, lines(outcome)));
  }

  /**
   * "Moved 3, refused 1, deferred 0, skipped 0 of the jobs on v1 to v2 (a dry run: none moved)."
   */
  private static String summary(JobMigration.Outcome o, int from, int to) {
    List<String> parts = new ArrayList<>();
    for (JobMigration.Result r : JobMigration.Result.values()) {
      parts.add(r.wireName() + " " + o.count(r));
    }
    String counts = String.join(", ", parts);
    return (o.dryRun() ? "Dry run, nothing moved: " : "Migrated: ")
        + counts
        + " of the jobs running on v"
        + from
        + " (to v"
        + to
        + "); the check said "
        + o.report().verdict().wireName().replace('_', ' ')
        + ".";
  }

  private static List<String> lines(JobMigration.Outcome o) {
    List<String> out = new ArrayList<>();
    for (JobMigration.JobMove m : o.jobs().subList(0, Math.min(LISTED, o.jobs().size()))) {
      out.add(
          "Job "
              + m.jobId()
              + ": "
              + m.result().wireName().toUpperCase(Locale.ROOT)
              + ", "
              + m.fromState()
              + (m.toState() == null ? "" : " → " + m.toState())
              + (m.reason().isEmpty() ? "" : " (" + m.reason() + ")"));
    }
    if (o.jobs().size() > LISTED) {
      out.add("… and " + (o.jobs().size() - LISTED) + " more (see the ledger's job.migrated).");
    }
    return out;
  }
}
