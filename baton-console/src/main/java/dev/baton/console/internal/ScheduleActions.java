package dev.baton.console.internal;

import dev.baton.engine.BatonException;
import dev.baton.engine.Schedules;
import dev.baton.schedule.Schedule;
import dev.baton.schedule.ScheduleRun;
import dev.baton.server.Role;
import dev.baton.server.route.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An operator's actions on a schedule, each the engine call the API's route makes: {@code POST
 * /console/schedules/{id}/pause}, {@code /resume}, {@code /trigger} (run now, outside the timing
 * and the overlap policy) and {@code /delete} (with {@code confirm=yes}, the form's ticked box: a
 * deleted schedule's definition is gone, its runs' jobs stay). Each needs the operator role and the
 * session's CSRF token, is recorded in the ledger ({@code admin.schedule_pause}, ...), and answers
 * with a redirect to the schedule's page; a refused one shows the page again with why.
 */
final class ScheduleActions {
  private final Schedules schedules;
  private final SchedulePages page;
  private final Access access;
  private final Audit audit;

  ScheduleActions(Schedules schedules, SchedulePages page, Access access, Audit audit) {
    this.schedules = schedules;
    this.page = page;
    this.access = access;
    this.audit = audit;
  }

  void register(RoutesConfig routes) {
    routes.post("/console/schedules/{id}/pause", ctx -> act(ctx, "pause"));
    routes.post("/console/schedules/{id}/resume", ctx -> act(ctx, "resume"));
    routes.post("/console/schedules/{id}/trigger", ctx -> act(ctx, "trigger"));
    routes.post("/console/schedules/{id}/delete", ctx -> act(ctx, "delete"));
  }

  private void act(Context ctx, String verb) {
    Optional<Session> changer =
        access.changer(ctx, Role.OPERATOR, SchedulePages.TITLE, SchedulePages.ACTIVE);
    if (changer.isEmpty()) {
      return;
    }
    Session s = changer.get();
    String id = ctx.pathParam("id");
    Optional<Schedule> found = schedules.get(id);
    if (found.isEmpty()) {
      page.show(ctx, s, id, 404, "");
      return;
    }
    Schedule schedule = found.get();
    // The engine would store a pause of a paused schedule as a change; saying so is clearer.
    if (verb.equals("pause") && !schedule.enabled()
        || verb.equals("resume") && schedule.enabled()) {
      String state = schedule.enabled() ? "running" : "paused";
      page.show(
          ctx,
          s,
          id,
          409,
          "Not done: schedule '" + schedule.name() + "' is already " + state + ".");
      return;
    }
    if (verb.equals("delete") && !"yes".equals(ctx.formParam("confirm"))) {
      page.show(
          ctx,
          s,
          id,
          400,
          "Not deleted: tick \u201cyes, delete it\u201d to confirm (field confirm=yes).");
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("schedule_id", schedule.id());
    details.put("schedule", schedule.name());
    String jobId = null;
    try {
      switch (verb) {
        case "pause" -> schedules.pause(schedule.id());
        case "resume" -> schedules.resume(schedule.id());
        case "delete" -> schedules.delete(schedule.id());
        default -> {
          ScheduleRun run = schedules.trigger(schedule.id());
          jobId = run.jobId();
          details.put("outcome", run.outcome().wireName());
        }
      }
    } catch (BatonException e) {
      page.show(ctx, s, id, ApiError.statusOf(e.reason()), "Not done: " + e.getMessage());
      return;
    }
    audit.record("schedule_" + verb, s, jobId, details);
    // Post, redirect, get: a reload does not do it again. A deleted schedule has no page left.
    String itsPage =
        "/console/schedules/" + URLEncoder.encode(schedule.id(), StandardCharsets.UTF_8);
    ctx.redirect(
        switch (verb) {
          case "delete" -> "/console/schedules?done=deleted";
          case "trigger" -> itsPage + "?done=triggered";
          default -> itsPage + "?done=" + verb + "d";
        },
        HttpStatus.SEE_OTHER);
  }
}
