package dev.baton.console.internal;

import dev.baton.console.LoopSwitch;
import dev.baton.engine.BatonException;
import dev.baton.server.Role;
import dev.baton.server.route.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/**
 * An admin's switch of the control loop, as {@code POST /api/v1/orchestrator/enable}, {@code
 * /disable} and {@code /run-once} (which need {@code admin} too): {@code POST
 * /console/loop/enable}, {@code /disable} and {@code /run-once}, each with the session's CSRF
 * token. The loop records enable and disable itself ({@code admin.orchestrator_enabled} with source
 * {@code console}); a run once is recorded as {@code admin.orchestrator_run_once} with the client
 * and the cycle, beside the cycle's own entries. A switch that changes nothing is a 409, a cycle
 * that fails a 503; both answer the page with the reason.
 */
final class LoopActions {
  private final LoopSwitch loop;
  private final LoopPages page;
  private final Access access;
  private final Audit audit;

  LoopActions(LoopSwitch loop, LoopPages page, Access access, Audit audit) {
    this.loop = loop;
    this.page = page;
    this.access = access;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.post("/console/loop/enable", ctx -> act(ctx, "enable"));
    routes.post("/console/loop/disable", ctx -> act(ctx, "disable"));
    routes.post("/console/loop/run-once", ctx -> act(ctx, "run-once"));
  }

  private void act(Context ctx, String verb) {
    Optional<Session> changer = access.changer(ctx, Role.ADMIN, LoopPages.TITLE, LoopPages.ACTIVE);
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String location;
    try {
      switch (verb) {
        case "enable" -> {
          if (!loop.enable("console")) {
            page.show(ctx, s, 409, "", "Not done: the loop is already enabled.");
            return;
          }
          location = "/console/loop?done=enabled";
        }
        case "disable" -> {
          if (!loop.disable("console")) {
            page.show(ctx, s, 409, "", "Not done: the loop is already disabled.");
            return;
          }
          location = "/console/loop?done=disabled";
        }
        default -> {
          long cycle = loop.runOnce();
          audit.record("orchestrator_run_once", s, null, Map.of("cycle", cycle));
          location = "/console/loop?done=ran&cycle=" + cycle;
        }
      }
    } catch (BatonException e) {
      page.show(ctx, s, ApiError.statusOf(e.reason()), "", "Not done: " + e.getMessage());
      return;
    } catch (RuntimeException e) {
      // The server is well; the cycle could not run through (its snapshot, decisions or entries
      // failed), and the loop recorded that as orchestrator.cycle_error. A 503 says "not now",
      // and the page says why and where to look, instead of a 500 that reads as a server fault.
      page.show(ctx, s, 503, "", failed(e));
      return;
    }
    ctx.redirect(location, HttpStatus.SEE_OTHER);
  }

  private static String failed(RuntimeException e) {
    String why = e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    return "Not done: the cycle could not run through ("
        + why
        + "). The loop recorded it in the ledger as orchestrator.cycle_error; try again once"
        + " that is mended.";
  }
}
